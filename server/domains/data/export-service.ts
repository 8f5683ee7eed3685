// Exports of a list (its filter, sort and fields) to CSV or XLSX, and of contacts to vCard. Everything a request can get wrong
// is checked before the first byte (the first page is read up front), then keyset pages are walked
// one at a time as the client takes the bytes, so memory stays flat whatever the size. The engine
// reads every page with the caller's access, so only records and fields they may see leave.
import { Readable } from 'node:stream';
import { assertObjectAction } from '../../platform/access/index.ts';
import { logAuditEvent } from '../../platform/audit/audit.ts';
import { Problem } from '../../platform/http/problem.ts';
import type { Locale } from '../../platform/i18n/index.ts';
import { definitionFor, fieldByName, listRecords, type Caller, type FieldDefinition, type ObjectDefinition, type RecordValues } from '../../records/index.ts';
import { cellOf, type Cell } from './cells.ts';
import { csvHeaderLine, csvLine, utf8Bom } from './csv-format.ts';
import { attachmentDisposition } from './filename.ts';
import { readTitles } from './titles.ts';
import { contactVcard, vcardFieldNames } from './vcard-write.ts';
import { xlsxFile } from './xlsx-file.ts';

export type ExportFormat = 'csv' | 'xlsx' | 'vcf';

export interface ExportQuery {
  format: ExportFormat;
  filter?: string;
  sort?: string;
  fields?: string;
  /** Column titles: field labels in the reader's language (default) or API names. */
  headers?: 'labels' | 'names';
}

/** An export ready to stream: its headers are known and its first page is read. */
export interface PreparedExport {
  contentType: string;
  disposition: string;
  body: Readable;
}

/** Rows read per keyset page: the engine's largest page. */
export const EXPORT_PAGE_SIZE = 500;
const contentTypes: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  vcf: 'text/vcard; charset=utf-8',
};
/** The one object a vCard describes. */
const vcardObject = 'contacts';
const defaultSystemColumns = ['ownerId', 'createdAt', 'updatedAt'];

/** The columns exported: the fields asked for, in their order, or every visible field (a vCard's own, if visible). */
function columnsOf(c: Caller, def: ObjectDefinition, fields: string | undefined, format: ExportFormat): FieldDefinition[] {
  if (format === 'vcf') {
    const visible = new Set(['id', ...(definitionFor(c, def)?.fields ?? []).map((f) => f.name)]);
    return vcardFieldNames.filter((name) => visible.has(name)).map((name) => fieldByName(def, name)!);
  }
  if (fields) {
    const names = [...new Set(fields.split(',').map((name) => name.trim()).filter(Boolean))];
    // The engine has already refused unknown and hidden names.
    return names.map((name) => fieldByName(def, name)).filter((field) => field !== undefined);
  }
  const visible = definitionFor(c, def)?.fields ?? [];
  return [fieldByName(def, 'id')!, ...visible, ...defaultSystemColumns.map((name) => fieldByName(def, name)!)];
}

/**
 * Checks the request and reads the first page (so every error is a problem before streaming starts),
 * then returns the file as a stream. One `record.export` audit entry is written when the stream ends,
 * whether it completed or the client went away (with the rows sent until then).
 */
export async function prepareExport(c: Caller, objectName: string, query: ExportQuery, locale: Locale): Promise<PreparedExport> {
  const def = c.registry.get(objectName);
  // Exporting is reading: a read-only object (users) may be exported by whoever holds the permission.
  assertObjectAction(c.ctx, { ...def, isReadOnly: false }, 'export');
  if (query.format === 'vcf' && objectName !== vcardObject) throw new Problem(400, { key: 'detail.exportVcardContactsOnly' });
  const listQuery = { filter: query.filter, sort: query.sort, limit: EXPORT_PAGE_SIZE };
  const fieldList = query.fields && query.format !== 'vcf' ? query.fields : undefined;
  const first = await listRecords(c, objectName, { ...listQuery, fields: fieldList });
  const columns = columnsOf(c, def, fieldList, query.format);
  const readFields = fieldList ?? columns.map((f) => f.name).join(',');
  const titles = columns.map((field) => (query.headers === 'names' ? field.name : field.label[locale]));

  const progress = { rows: 0, isComplete: false };
  async function* pages(): AsyncGenerator<Cell[][]> {
    let page = first;
    for (;;) {
      // The next page is asked for while this one is encoded and sent: one page ahead, never more.
      const next = page.nextCursor ? listRecords(c, objectName, { ...listQuery, fields: readFields, cursor: page.nextCursor }) : undefined;
      next?.catch(() => undefined); // awaited below; an abandoned download must not leave it unhandled
      const rows: RecordValues[] = page.data;
      const titleOf = await readTitles(c, columns, rows);
      yield rows.map((record) => columns.map((field) => cellOf(field, record, locale, titleOf)));
      if (!next) return;
      page = await next;
    }
  }
  async function* csv(): AsyncGenerator<Buffer> {
    yield Buffer.from(utf8Bom + csvHeaderLine(titles), 'utf8');
    for await (const rows of pages()) {
      let text = '';
      for (const cells of rows) text += csvLine(cells);
      yield Buffer.from(text, 'utf8');
      progress.rows += rows.length;
    }
    progress.isComplete = true;
  }
  async function* xlsx(): AsyncGenerator<Buffer> {
    const sheetName = def.labelPlural[locale];
    yield* xlsxFile({ sheetName, titles, pages: pages(), onRows: (count) => (progress.rows += count) });
    progress.isComplete = true;
  }

  async function* vcf(): AsyncGenerator<Buffer> {
    for await (const rows of pages()) {
      const text = rows.map((cells) => contactVcard(new Map(columns.map((field, i) => [field.name, cells[i]!])))).join('');
      yield Buffer.from(text, 'utf8');
      progress.rows += rows.length;
    }
    progress.isComplete = true;
  }

  // A few chunks ahead: the next page is read while the last one is on its way.
  const generators = { csv, xlsx, vcf };
  const body = Readable.from(generators[query.format](), { objectMode: false, highWaterMark: 256 * 1024 });
  let isAudited = false;
  body.on('close', () => {
    if (isAudited) return;
    isAudited = true;
    const details = { object: objectName, format: query.format, filter: query.filter ?? null, sort: query.sort ?? null, fields: columns.map((f) => f.name), rowCount: progress.rows, isComplete: progress.isComplete };
    logAuditEvent(c.db, { actorId: c.ctx.userId, action: 'record.export', target: objectName, details }).catch((error: unknown) =>
      c.log?.error({ err: error }, 'could not audit an export'),
    );
  });
  return {
    contentType: contentTypes[query.format],
    disposition: attachmentDisposition(def.labelPlural[locale], def.name, query.format, new Date()),
    body,
  };
}
