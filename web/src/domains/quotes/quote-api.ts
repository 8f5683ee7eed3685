// What the quote screens read and write: the quote with its lines, line saves, versions, orders.
import { ApiError, get, query, request } from '../../app/api.ts';
import type { RecordRow } from '../../records/useRecordList.ts';
import type { Money } from '../../../../server/domains/sales/money-shape.ts';
import type { LineInput, QuoteWithLines } from '../../../../server/domains/sales/quotes/quote-shape.ts';

export type { Money } from '../../../../server/domains/sales/money-shape.ts';
export type { QuoteSettings } from '../../../../server/domains/sales/quotes/quote-shape.ts';
/** The quote and its lines, as the engine's records the web app types. */
export type QuoteEditorData = QuoteWithLines<RecordRow>;

/** A line as the editor holds it before saving. */
export interface DraftLine {
  key: string;
  id?: string;
  productId: string | null;
  quantity: number | string;
  discountPercent: number | string;
  /** Typed by hand; empty: the price book's. */
  unitPrice: string;
  listPrice?: Money | null;
  netAmount?: Money | null;
  taxRate?: number | null;
}

let nextKey = 0;
/** A fresh key for a line the editor adds. */
export const newLineKey = () => `new-${++nextKey}`;

/** The editor's rows for the saved lines. */
export function draftOf(lines: RecordRow[]): DraftLine[] {
  return lines.map((line) => ({
    key: String(line.id),
    id: String(line.id),
    productId: (line.productId as string | null) ?? null,
    quantity: Number(line.quantity ?? 1),
    discountPercent: Number(line.discountPercent ?? 0),
    unitPrice: line.isPriceOverridden ? ((line.unitPrice as Money | null)?.amount ?? '') : '',
    listPrice: (line.listPrice as Money | null) ?? null,
    netAmount: (line.netAmount as Money | null) ?? null,
    taxRate: (line.taxRate as number | null) ?? null,
  }));
}

/** The quote with its lines. */
export const fetchQuoteEditor = (quoteId: string) => get<QuoteEditorData>(`/api/v1/quotes/${quoteId}/lines`);

/** Saves the lines (those with a product); answers the quote with its derived totals. */
export async function saveLines(quoteId: string, lines: Array<DraftLine & { productId: string }>): Promise<QuoteEditorData> {
  const body = lines.map((line): LineInput => ({
    ...(line.id ? { id: line.id } : {}),
    productId: line.productId,
    quantity: Number(line.quantity),
    discountPercent: Number(line.discountPercent || 0),
    unitPrice: String(line.unitPrice).trim() ? String(line.unitPrice).trim() : null,
  }));
  return (await request<QuoteEditorData>('PUT', `/api/v1/quotes/${quoteId}/lines`, { lines: body })).data;
}

/** Makes the next version; answers the new quote. */
export const newVersion = async (quoteId: string) => (await request<RecordRow>('POST', `/api/v1/quotes/${quoteId}/versions`)).data;

/** Makes the order of an accepted quote. */
export const createOrder = async (quoteId: string) => (await request<RecordRow>('POST', `/api/v1/quotes/${quoteId}/order`)).data;

/** The active products a line may offer. */
export const fetchProducts = () => get<{ data: RecordRow[] }>(`/api/v1/products${query({ filter: 'isActive eq true', sort: 'name', limit: 500, fields: 'name,code,unit' })}`);

/** Money as the reader's locale writes it. */
export function formatMoney(money: Money | null | undefined, locale: string): string {
  if (!money) return '—';
  return new Intl.NumberFormat(locale, { style: 'currency', currency: money.currency, minimumFractionDigits: 2 }).format(Number(money.amount));
}

/** Field errors by line index and field name. */
export type LineErrors = Map<number, Map<string, string>>;

/** The server's `lines.{index}.{field}` errors by line; the problem's detail as the message. */
export function splitErrors(error: unknown, fallback: string): { lines: LineErrors; message: string } {
  const lines: LineErrors = new Map();
  if (!(error instanceof ApiError)) return { lines, message: fallback };
  for (const e of error.problem.errors ?? []) {
    const match = /^lines\.(\d+)\.(\w+)$/.exec(e.field);
    if (!match) continue;
    const index = Number(match[1]);
    lines.set(index, (lines.get(index) ?? new Map()).set(match[2]!, e.message));
  }
  return { lines, message: error.message };
}
