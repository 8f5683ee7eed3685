// From a cell's text to the value the API takes for its field: dates as 2024-03-05, 2024/3/5 or
// 2024年3月5日, phone numbers in E.164 read in a default region, pick-list values by option value,
// label in either language or the user's own mapping, linked records by external id or name.
// What cannot be read is a row error naming the field and the value; the engine checks the rest.
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';
import { Problem } from '../../platform/http/problem.ts';
import { listRecords, type Caller, type FieldDefinition } from '../../records/index.ts';
import type { DateOrder, ImportSettings } from './import-settings.ts';
import { normaliseTitle } from './import-settings.ts';

/** A value that cannot be read: a code (`field.import_*` in the catalogue) and the text as written. */
export interface CellError {
  code: `import_${'notNumber' | 'badDate' | 'badDateTime' | 'badBoolean' | 'unknownOption' | 'badPhone' | 'notFound' | 'ambiguous' | 'badAmount'}`;
  value: string;
}

export type CellResult = { value: unknown } | { error: CellError };

/** Texts looked up per query when a whole column is resolved at once. */
const LOOKUP_CHUNK = 200;

/** Linked-record answers kept between batches (a file naming the same accounts again reuses them). */
const MAX_REMEMBERED = 20_000;

/** Separators of the items of a multi-select, tags or several linked records in one cell. */
const itemSplit = /[;；,，|、\n]/;

function isCalendarDay(y: number, m: number, d: number): boolean {
  const day = new Date(Date.UTC(2000, m - 1, d));
  day.setUTCFullYear(y);
  return y >= 1 && y <= 9999 && day.getUTCMonth() === m - 1 && day.getUTCDate() === d;
}

const pad = (n: number) => String(n).padStart(2, '0');
// 1900-based spreadsheet serials of 1955–2119: what a date column of a workbook holds.
const excelEpoch = Date.UTC(1899, 11, 30);

/** A calendar date as YYYY-MM-DD, or undefined. */
export function readDate(text: string, order: DateOrder): string | undefined {
  const t = text.normalize('NFKC').trim();
  let y: number, m: number, d: number;
  let match = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[ T].*)?$/.exec(t);
  if (match) [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  else if ((match = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/.exec(t))) {
    const [a, b] = [Number(match[1]), Number(match[2])];
    [y, m, d] = order === 'mdy' ? [Number(match[3]), a, b] : [Number(match[3]), b, a];
  } else if (/^\d{5}(?:\.0+)?$/.test(t) && Number(t) >= 20_000 && Number(t) <= 80_000) {
    return new Date(excelEpoch + Number(t) * 86_400_000).toISOString().slice(0, 10);
  } else return undefined;
  return isCalendarDay(y, m, d) ? `${y}-${pad(m)}-${pad(d)}` : undefined;
}

function readNumber(text: string): number | undefined {
  const t = text.normalize('NFKC').replace(/[,\s]/g, '').replace(/%$/, '');
  if (!/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(t)) return undefined;
  return Number(t);
}

const currencySigns: Record<string, string> = { '¥': 'CNY', '￥': 'CNY', $: 'USD', '€': 'EUR', '£': 'GBP', 'HK$': 'HKD' };

function readAmount(text: string): { amount: string; currency?: string } | undefined {
  const t = text.trim();
  const match = /^([A-Za-z]{3}|HK\$|[¥￥$€£])?\s*([-+]?[\d,]*\.?\d+)\s*([A-Za-z]{3})?$/.exec(t);
  if (!match) return undefined;
  const amount = match[2]!.replace(/,/g, '');
  const code = match[1] ? (currencySigns[match[1]] ?? match[1].toUpperCase()) : match[3]?.toUpperCase();
  return code ? { amount, currency: code } : { amount };
}

const truths = new Set(['true', 'yes', 'y', '1', '是', '对', '√', '✓', 'on']);
const falsehoods = new Set(['false', 'no', 'n', '0', '否', '不', '×', '✗', 'off']);

function readOption(field: FieldDefinition, text: string, settings: ImportSettings): string | undefined {
  const mapped = settings.optionMap[field.name]?.[text];
  if (mapped !== undefined) return mapped;
  const key = normaliseTitle(text);
  return field.options?.find((o) => [o.value, o.label.en, o.label['zh-CN']].some((word) => normaliseTitle(word) === key))?.value;
}

/**
 * The fields a linked record is found by, in the order they are tried: its external id first (a key
 * made for exactly this; a file of them then costs one query per few hundred cells, not two), then its
 * name, then (a user) the e-mail.
 */
function keyFieldsOf(c: Caller, object: string): FieldDefinition[] {
  const def = c.registry.get(object);
  const keys = def.fields.filter((f) => f.isExternalId || f.name === def.titleField || (object === 'users' && f.type === 'email'));
  return keys.toSorted((a, b) => Number(Boolean(b.isExternalId)) - Number(Boolean(a.isExternalId)));
}

/** Reads cells for one import: linked records are looked up once per distinct text. */
export function cellReader(c: Caller, settings: ImportSettings) {
  const found = new Map<string, Promise<CellResult>>();

  async function findRecord(object: string, text: string): Promise<CellResult> {
    const byKey = keyFieldsOf(c, object);
    for (const field of byKey) {
      const value = field.type === 'email' ? text.toLowerCase() : text;
      const page = await listRecords(c, object, { filter: { kind: 'compare', path: [field.name], op: 'eq', value }, fields: 'id', limit: 2 });
      if (page.data.length === 1) return { value: page.data[0]!.id };
      if (page.data.length > 1) return { error: { code: 'import_ambiguous', value: text } };
    }
    return { error: { code: 'import_notFound', value: text } };
  }

  /**
   * Looks many texts up at once (a batch's whole lookup column): per key field, one query per few
   * hundred texts instead of one per text; what a key finds once is the answer, several is ambiguous.
   */
  async function findRecords(object: string, texts: readonly string[]): Promise<void> {
    const byKey = keyFieldsOf(c, object);
    let open = [...new Set(texts)].filter((text) => !found.has(`${object}\u0000${text}`));
    for (const field of byKey) {
      const valueOf = (text: string) => (field.type === 'email' ? text.toLowerCase() : text);
      const hits = new Map<string, string[]>();
      for (let at = 0; at < open.length; at += LOOKUP_CHUNK) {
        const values = [...new Set(open.slice(at, at + LOOKUP_CHUNK).map(valueOf))];
        let cursor: string | undefined;
        do {
          const page = await listRecords(c, object, { filter: { kind: 'in', path: [field.name], values }, fields: `id,${field.name}`, limit: 500, cursor });
          for (const record of page.data) {
            const key = String(record[field.name]);
            hits.set(key, [...(hits.get(key) ?? []), record.id as string]);
          }
          cursor = page.nextCursor ?? undefined;
        } while (cursor);
      }
      const unresolved: string[] = [];
      for (const text of open) {
        const ids = hits.get(valueOf(text));
        if (!ids) unresolved.push(text);
        else found.set(`${object}\u0000${text}`, Promise.resolve(ids.length === 1 ? { value: ids[0] } : { error: { code: 'import_ambiguous', value: text } }));
      }
      open = unresolved;
    }
    for (const text of open) found.set(`${object}\u0000${text}`, Promise.resolve({ error: { code: 'import_notFound', value: text } }));
  }

  function linked(object: string, text: string): Promise<CellResult> {
    const key = `${object}\u0000${text}`;
    let result = found.get(key);
    // An object the user may not read has no record they could link to: the cell's own error.
    const unreadable = (error: unknown): CellResult => {
      if (error instanceof Problem && error.status === 403) return { error: { code: 'import_notFound', value: text } };
      throw error;
    };
    if (!result) found.set(key, (result = findRecord(object, text).catch(unreadable)));
    return result;
  }

  async function many(texts: string[], read: (text: string) => Promise<CellResult> | CellResult): Promise<CellResult> {
    const values: unknown[] = [];
    for (const text of texts) {
      const result = await read(text);
      if ('error' in result) return result;
      if (!values.includes(result.value)) values.push(result.value);
    }
    return { value: values };
  }

  /** Resolves every linked record a column's cells name, before the cells are read one by one. */
  async function prefetch(field: FieldDefinition, cells: readonly string[]): Promise<void> {
    const object = field.type === 'owner' ? 'users' : field.target;
    if (!object || !['lookup', 'parent', 'owner', 'multiLookup'].includes(field.type)) return;
    // A long file's batches each resolve their own column: what earlier batches found is let go.
    if (found.size > MAX_REMEMBERED) found.clear();
    const texts = cells
      .map((raw) => (settings.trim ? raw.trim() : raw))
      .filter((text) => text.trim() !== '')
      .flatMap((text) => (field.type === 'multiLookup' ? text.split(itemSplit).map((item) => item.trim()).filter(Boolean) : [text]));
    try {
      await findRecords(object, texts);
    } catch (error) {
      // An object the user may not read: each cell answers for itself (not found).
      if (!(error instanceof Problem && error.status === 403)) throw error;
    }
  }

  /** The API value of a non-empty cell for a field. */
  const readCell = async function readCell(field: FieldDefinition, raw: string): Promise<CellResult> {
    const text = settings.trim ? raw.trim() : raw;
    const items = () => text.split(itemSplit).map((item) => item.trim()).filter(Boolean);
    switch (field.type) {
      case 'number':
      case 'percent': {
        const number = readNumber(text);
        return number === undefined ? { error: { code: 'import_notNumber', value: text } } : { value: number };
      }
      case 'currency': {
        const amount = readAmount(text);
        return amount ? { value: amount } : { error: { code: 'import_badAmount', value: text } };
      }
      case 'date': {
        const day = readDate(text, settings.dateOrder);
        return day ? { value: day } : { error: { code: 'import_badDate', value: text } };
      }
      case 'datetime': {
        const day = readDate(text, settings.dateOrder);
        const time = /(\d{1,2}):(\d{2})(?::(\d{2}))?\s*$/.exec(text);
        if (!day) return { error: { code: 'import_badDateTime', value: text } };
        return { value: `${day}T${pad(Number(time?.[1] ?? 0))}:${time?.[2] ?? '00'}:${time?.[3] ?? '00'}Z` };
      }
      case 'boolean': {
        const word = text.toLowerCase();
        if (truths.has(word)) return { value: true };
        return falsehoods.has(word) ? { value: false } : { error: { code: 'import_badBoolean', value: text } };
      }
      case 'phone': {
        const parsed = parsePhoneNumberFromString(text.normalize('NFKC'), settings.phoneRegion as CountryCode);
        return parsed?.isPossible() ? { value: parsed.number } : { error: { code: 'import_badPhone', value: text } };
      }
      case 'select': {
        const option = readOption(field, text, settings);
        return option === undefined ? { error: { code: 'import_unknownOption', value: text } } : { value: option };
      }
      case 'multiSelect':
        return many(items(), (item) => {
          const option = readOption(field, item, settings);
          return option === undefined ? { error: { code: 'import_unknownOption', value: item } } : { value: option };
        });
      case 'tags':
        return { value: [...new Set(items())] };
      case 'lookup':
      case 'parent':
        return linked(field.target!, text);
      case 'owner':
        return linked('users', text);
      case 'multiLookup':
        return many(items(), (item) => linked(field.target!, item));
      case 'address':
        return { value: { street: text } };
      case 'email':
        return { value: text.toLowerCase() };
      default:
        return { value: text };
    }
  };
  return Object.assign(readCell, { prefetch });
}
