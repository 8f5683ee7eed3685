// One row of an import, from cells to a written record. `rowPreparer` reads the cells batch by batch
// and remembers every key it has seen (a key repeated in the file is reported on its later rows,
// never applied twice); `applyRow` matches and writes one row through the engine,
// as the importing user, and says what happened — what undo needs included.
import { pgErrorCode, Problem, type FieldError } from '../../platform/http/problem.ts';
import { createRecord, createRecords, fieldByName, getRecord, listRecords, updateRecord, writeTransaction, type Caller, type FieldDefinition, type ObjectDefinition, type RecordValues, uniqueViolationProblem } from '../../records/index.ts';
import type { ImportSettings } from './import-settings.ts';
import { cellReader } from './import-values.ts';
import type { RowOutcome } from './import-shape.ts';

export type { RowOutcome } from './import-shape.ts';

/** A problem of one row: a field error worded with `wordFieldError` (`field.import_*` codes and the engine's own). */
export type RowIssue = FieldError & { params: Record<string, unknown> };

/** A row read from the file: the body to write, or what kept it from being read. */
export interface PreparedRow {
  rowNumber: number;
  body: RecordValues;
  issues: RowIssue[];
  /** The row that first had this row's key, when this one repeats it. */
  firstRowWithKey?: number;
}

export interface RowResult {
  rowNumber: number;
  outcome: RowOutcome;
  recordId?: string;
  version?: number;
  /** Updated rows: the previous values of the fields changed, as the API takes them back. */
  previous?: RecordValues;
  issues?: RowIssue[];
}

const issue = (field: string, code: string, params: Record<string, unknown> = {}): RowIssue => ({ field, code, message: code, params });

/**
 * Reads a file's rows into bodies a batch at a time, in order: `prepare` takes the next rows (numbered
 * from `firstRowNumber`) and remembers every key seen so far, so a key repeated anywhere later in the
 * file is reported on its later rows. Linked records are looked up per batch, column by column.
 */
export function rowPreparer(c: Caller, def: ObjectDefinition, header: readonly string[], settings: ImportSettings) {
  const readCell = cellReader(c, settings);
  const fields = header.map((title) => (settings.columns[title] ? fieldByName(def, settings.columns[title]) : undefined));
  const firstRowOf = new Map<string, number>();
  return async function prepare(rows: readonly string[][], firstRowNumber: number): Promise<PreparedRow[]> {
    // Linked records are looked up column by column for the whole batch, not cell by cell.
    for (const [column, field] of fields.entries()) if (field) await readCell.prefetch(field, rows.map((cells) => cells[column] ?? ''));
    const prepared: PreparedRow[] = [];
    for (const [index, cells] of rows.entries()) {
      const row: PreparedRow = { rowNumber: firstRowNumber + index, body: {}, issues: [] };
      for (const [column, field] of fields.entries()) {
        const text = cells[column] ?? '';
        // An empty cell changes nothing: an update keeps the value, a create leaves it empty (or the default).
        if (!field || text.trim() === '') continue;
        const result = await readCell(field, text);
        if ('error' in result) row.issues.push(issue(field.name, result.error.code, { value: result.error.value }));
        else row.body[field.name] = mergeValue(field, row.body[field.name], result.value);
      }
      if (settings.matchMode !== 'create' && row.issues.length === 0) {
        const key = keyOf(row.body, settings.matchBy);
        if (key === undefined) row.issues.push(issue(settings.matchBy[0]!, 'import_missingKey', { value: '' }));
        else if (firstRowOf.has(key)) row.firstRowWithKey = firstRowOf.get(key);
        else firstRowOf.set(key, row.rowNumber);
      }
      prepared.push(row);
    }
    return prepared;
  };
}

/** Reads every row of a file into bodies and finds keys repeated in the file. */
export async function prepareRows(c: Caller, def: ObjectDefinition, header: readonly string[], rows: readonly string[][], settings: ImportSettings): Promise<PreparedRow[]> {
  return rowPreparer(c, def, header, settings)(rows, 1);
}

/**
 * Two columns mapped to one list field (two tag columns) add up; two mapped to one text field (first
 * and last name) are joined by a space, in the file's order; otherwise the later column wins.
 */
function mergeValue(field: FieldDefinition, current: unknown, value: unknown): unknown {
  if (field.type === 'text' && typeof current === 'string' && typeof value === 'string') return `${current} ${value}`;
  return Array.isArray(current) && Array.isArray(value) ? [...new Set([...current, ...value])] : value;
}

function keyOf(body: RecordValues, matchBy: readonly string[]): string | undefined {
  const parts = matchBy.map((name) => body[name]);
  if (parts.some((part) => part === undefined || part === null || part === '')) return undefined;
  return JSON.stringify(parts.map((part) => (typeof part === 'string' ? part.normalize('NFKC').toLowerCase() : part)));
}

/** Whether a value from the file is what the record already holds (in the API's output shape). */
function isSameValue(field: FieldDefinition | undefined, input: unknown, current: unknown): boolean {
  if (current === undefined || current === null) return input === null;
  switch (field?.type) {
    case 'phone':
      return (current as { e164: string }).e164 === input;
    case 'currency': {
      const money = current as { amount: string; currency: string };
      const given = input as { amount: string; currency?: string };
      return Number(money.amount) === Number(given.amount) && (given.currency === undefined || given.currency === money.currency);
    }
    case 'multiSelect':
    case 'tags':
    case 'multiLookup':
      return Array.isArray(current) && Array.isArray(input) && current.length === input.length && input.every((v) => current.includes(v));
    default:
      return JSON.stringify(input) === JSON.stringify(current);
  }
}

/** A field's current value as the API takes it back (undo writes it). */
function asInput(field: FieldDefinition | undefined, value: unknown): unknown {
  if (value === undefined) return null;
  if (field?.type === 'phone' && value) return (value as { original: string }).original;
  return value;
}

/** The record a row's key points to, among those the caller may see; `ambiguous` when several do. */
async function findMatch(c: Caller, def: ObjectDefinition, body: RecordValues, matchBy: readonly string[]): Promise<string | 'ambiguous' | undefined> {
  const items = matchBy.map((name) => ({ kind: 'compare' as const, path: [name], op: 'eq' as const, value: body[name] as string | number }));
  const page = await listRecords(c, def.name, { filter: { kind: 'and', items }, fields: 'id', limit: 2 });
  if (page.data.length > 1) return 'ambiguous';
  return page.data[0]?.id as string | undefined;
}

/** A key value as a match compares it: a phone by its E.164 form, anything else as text. */
function keyText(value: unknown): string {
  return value !== null && typeof value === 'object' && 'e164' in value ? String(value.e164) : String(value);
}

/**
 * The records each key of a batch points to, found with one query per 200 keys instead of one per
 * row (for a one-field key; a batch holds each key once, so what it writes cannot change another
 * row's match). Undefined when the caller may not list them: each row then finds out for itself.
 */
async function matchesOf(c: Caller, def: ObjectDefinition, rows: readonly PreparedRow[], name: string): Promise<Map<string, string[]> | undefined> {
  const keys = [...new Set(rows.map((row) => row.body[name] as string | number))];
  const matches = new Map<string, string[]>();
  try {
    for (let at = 0; at < keys.length; at += 200) {
      let cursor: string | undefined;
      do {
        const page = await listRecords(c, def.name, { filter: { kind: 'in', path: [name], values: keys.slice(at, at + 200) }, fields: `id,${name}`, limit: 500, cursor });
        for (const record of page.data) matches.set(keyText(record[name]), [...(matches.get(keyText(record[name])) ?? []), record.id as string]);
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
    }
  } catch (error) {
    if (error instanceof Problem && error.status < 500) return undefined;
    throw error;
  }
  return matches;
}

/** A write's failure that belongs to the row (bad value, duplicate, no access), not to the whole run. */
function rowIssuesOf(error: unknown): RowIssue[] | undefined {
  if (error instanceof Problem && error.status < 500) {
    if (error.errors.length > 0) return error.errors.map((e) => ({ ...e, params: e.params ?? {} }));
    return [issue('', 'import_writeFailed', { reason: error.message })];
  }
  const code = pgErrorCode(error);
  // Constraint (23…) and data (22…) errors of PostgreSQL: this row's values, not the database.
  if (typeof code === 'string' && /^2[23]/.test(code)) return [issue('', 'import_writeFailed', { reason: code })];
  return undefined;
}

/** Writes one prepared row as the caller (a savepoint of the batch's transaction); never throws for a row's own fault. */
export async function applyRow(c: Caller, def: ObjectDefinition, row: PreparedRow, settings: ImportSettings, matches?: Map<string, string[]>): Promise<RowResult> {
  const { rowNumber } = row;
  if (row.issues.length > 0) return { rowNumber, outcome: 'failed', issues: row.issues };
  if (row.firstRowWithKey !== undefined) {
    return { rowNumber, outcome: 'skipped', issues: [issue(settings.matchBy[0]!, 'import_duplicateKey', { firstRow: row.firstRowWithKey })] };
  }
  try {
    return await writeTransaction(c, async (t) => {
      const found = matches?.get(keyText(row.body[settings.matchBy[0]!]));
      const prefetched = found === undefined ? undefined : found.length > 1 ? 'ambiguous' : found[0];
      const match = settings.matchMode === 'create' ? undefined : matches ? prefetched : await findMatch(t, def, row.body, settings.matchBy);
      if (match === 'ambiguous') return { rowNumber, outcome: 'failed', issues: [issue(settings.matchBy[0]!, 'import_ambiguousMatch')] };
      if (match === undefined) {
        if (settings.matchMode === 'update') return { rowNumber, outcome: 'skipped', issues: [issue(settings.matchBy[0]!, 'import_noMatch')] };
        const created = await createRecord(t, def.name, row.body);
        return { rowNumber, outcome: 'created', recordId: created.id as string, version: created.version as number };
      }
      const before = await getRecord(t, def.name, match);
      const fieldOf = (name: string) => fieldByName(def, name);
      const changes = Object.fromEntries(Object.entries(row.body).filter(([name, value]) => !isSameValue(fieldOf(name), value, before[name])));
      if (Object.keys(changes).length === 0) return { rowNumber, outcome: 'unchanged', recordId: match, version: before.version as number };
      const after = await updateRecord(t, def.name, match, changes);
      const previous = Object.fromEntries(Object.keys(changes).map((name) => [name, asInput(fieldOf(name), before[name])]));
      return { rowNumber, outcome: 'updated', recordId: match, version: after.version as number, previous };
    });
  } catch (error) {
    // A value taken by another record: named by its field, as the API names it.
    const issues = rowIssuesOf((await uniqueViolationProblem(c, error)) ?? error);
    if (!issues) throw error;
    return { rowNumber, outcome: 'failed', issues };
  }
}

/**
 * Writes a batch of prepared rows. A create-only import writes the batch's good rows with multi-row
 * statements (`createRecords`: each row still validated and passed through the hooks); should the
 * write itself fail for one row (a unique key), the batch is redone row by row so that only that
 * row fails. Matching imports go row by row, their records found for the whole batch at once.
 */
export async function applyRows(c: Caller, def: ObjectDefinition, rows: readonly PreparedRow[], settings: ImportSettings): Promise<RowResult[]> {
  if (settings.matchMode === 'create') {
    const ready = rows.filter((row) => row.issues.length === 0);
    try {
      const written = ready.length > 0 ? await createRecords(c, def.name, ready.map((row) => row.body)) : [];
      const byRow = new Map(ready.map((row, i) => [row.rowNumber, written[i]!]));
      return rows.map((row): RowResult => {
        const result = byRow.get(row.rowNumber);
        if (!result) return { rowNumber: row.rowNumber, outcome: 'failed', issues: row.issues };
        if ('error' in result) return { rowNumber: row.rowNumber, outcome: 'failed', issues: rowIssuesOf(result.error)! };
        return { rowNumber: row.rowNumber, outcome: 'created', recordId: result.record.id as string, version: result.record.version as number };
      });
    } catch (error) {
      if (!rowIssuesOf(error)) throw error;
    }
  }
  const keyed = rows.filter((row) => row.issues.length === 0 && row.firstRowWithKey === undefined);
  const matches = settings.matchMode !== 'create' && settings.matchBy.length === 1 ? await matchesOf(c, def, keyed, settings.matchBy[0]!) : undefined;
  const results: RowResult[] = [];
  for (const row of rows) results.push(await applyRow(c, def, row, settings, matches));
  return results;
}
