// Quote hooks: the figures (subtotal, discount, tax, total) and the approval need are derived from
// the lines on every write; a draft's content changes only while it is the current version and not
// waiting for approval; a quote whose discount needs approval is sent or accepted only once approved.
import { Problem } from '../../../platform/http/problem.ts';
import { systemCaller, updateRecord, type FieldError, type ObjectHooks, type RecordValues, type WriteEvent, type WrittenRecord } from '../../../records/index.ts';
import { Exact } from '../decimal.ts';
import { linesOf } from './line-hooks.ts';
import { quoteFigures } from './quote-math.ts';
import { readQuoteSettings } from './quote-settings.ts';
import { assertQuoteEditable } from './quote-state.ts';

// What makes up a quote's content: changed only on an editable draft.
const contentFields = ['accountId', 'currency', 'priceBookId', 'quoteDate', 'discountPercent'];
const gatedStatuses = new Set(['sent', 'accepted']);

const isChanged = (before: RecordValues | undefined, changes: RecordValues, field: string) =>
  field in changes && JSON.stringify(changes[field] ?? null) !== JSON.stringify(before?.[field] ?? null);

async function deriveQuote({ caller, action, id, before, changes, proposed }: WriteEvent): Promise<RecordValues> {
  if (before && !caller.isSystem) {
    if (before.isSuperseded) throw new Problem(409, { key: 'detail.quoteSuperseded' });
    if (contentFields.some((f) => isChanged(before, changes, f))) assertQuoteEditable(before);
  }
  const lines = action === 'create' ? [] : await linesOf(caller, id);
  const figures = quoteFigures(
    lines.map((l) => ({
      quantity: Number(l.quantity ?? 0),
      unitPrice: (l.unitPrice as { amount: string } | null)?.amount ?? '0',
      discountPercent: Number(l.discountPercent ?? 0),
      taxRate: Number(l.taxRate ?? 0),
    })),
    Number(proposed.discountPercent ?? 0),
  );
  const { discountApprovalThreshold } = await readQuoteSettings(caller.db);
  const currency = proposed.currency as string;
  const money = (amount: string) => ({ amount, currency });
  const derived: RecordValues = {
    subtotal: money(figures.subtotal),
    discountAmount: money(figures.discountAmount),
    taxAmount: money(figures.taxAmount),
    total: money(figures.total),
    largestDiscount: Number(figures.largestDiscount),
    needsApproval: Exact.of(figures.largestDiscount).minus(discountApprovalThreshold).num > 0n,
  };
  // An approval holds for the discounts it saw: a change of them needs a new one.
  if (before?.approvalStatus === 'approved' && !('approvalStatus' in changes) && isChanged(before, changes, 'discountPercent')) derived.approvalStatus = 'none';
  if (action === 'create' && !caller.isSystem) Object.assign(derived, { versionNumber: 1, isSuperseded: false, previousVersionId: null, approvalStatus: 'none' });
  return derived;
}

function checkQuote({ before, changes, proposed }: WriteEvent): FieldError[] {
  const errors: FieldError[] = [];
  if (!/^[A-Z]{3}$/.test(String(proposed.currency ?? ''))) errors.push({ field: 'currency', code: 'pattern', message: 'Enter a three-letter currency code such as CNY.' });
  if (before && isChanged(before, changes, 'currency') && Number((before.subtotal as { amount: string } | null)?.amount ?? 0) !== 0) {
    errors.push({ field: 'currency', code: 'has_lines', message: 'Remove the lines before changing the currency.' });
  }
  const discount = Number(proposed.discountPercent ?? 0);
  if (discount < 0 || discount > 100) errors.push({ field: 'discountPercent', code: 'out_of_range', message: 'Enter a discount between 0 and 100.' });
  const isMovingOn = isChanged(before, changes, 'status') || (!before && gatedStatuses.has(String(proposed.status)));
  if (isMovingOn && gatedStatuses.has(String(proposed.status)) && proposed.needsApproval && proposed.approvalStatus !== 'approved') {
    errors.push({ field: 'status', code: 'approval_required', message: 'The discount is above the approval threshold: the quote needs approval before it is sent or accepted.' });
  }
  return errors;
}

/**
 * The accepted quote is what the deal is worth: its total becomes the opportunity's amount, in the
 * same transaction, written as the system on the accepting user's behalf (the change log names them).
 */
async function carryTotalToOpportunity({ caller, action, before, record }: WrittenRecord): Promise<void> {
  if (action !== 'update' || !record?.opportunityId || record.status !== 'accepted' || before?.status === 'accepted') return;
  await updateRecord(systemCaller(caller, caller.ctx.userId), 'opportunities', String(record.opportunityId), { amount: record.total });
}

/** Hooks of `quotes`. */
export const quoteHooks: ObjectHooks = { beforeWrite: deriveQuote, validate: checkQuote, afterWrite: carryTotalToOpportunity };
