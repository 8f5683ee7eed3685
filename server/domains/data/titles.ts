// The titles of the records a page of exported rows links to, read once per page and per target
// object, with the caller's own access: a record they may not read keeps its id, never its name.
import { listRecords, type Caller, type FieldDefinition, type RecordValues } from '../../records/index.ts';
import type { TitleLookup } from './cells.ts';

const linkTypes = new Set(['lookup', 'owner', 'parent', 'multiLookup']);
// The engine's page limit and its cap on `in` values.
const BATCH = 500;

/** The object a link field points to in this record (a polymorphic lookup names it in another field). */
function targetOf(field: FieldDefinition, record: RecordValues): string | undefined {
  if (field.type === 'owner') return 'users';
  if (field.targetFrom) return typeof record[field.targetFrom] === 'string' ? (record[field.targetFrom] as string) : undefined;
  return field.target;
}

/** Whether a field's values are links whose titles are worth reading (the record's own id is not). */
export function isLinkField(field: FieldDefinition): boolean {
  return linkTypes.has(field.type) && field.name !== 'id';
}

/** Reads the titles the page's link fields point to, and answers them per field, id and record. */
export async function readTitles(c: Caller, fields: readonly FieldDefinition[], rows: readonly RecordValues[]): Promise<TitleLookup> {
  const wanted = new Map<string, Set<string>>();
  for (const field of fields.filter(isLinkField)) {
    for (const row of rows) {
      const target = targetOf(field, row);
      const value = row[field.name];
      if (!target || value === null || value === undefined) continue;
      const ids = wanted.get(target) ?? new Set<string>();
      for (const id of Array.isArray(value) ? value : [value]) ids.add(String(id));
      wanted.set(target, ids);
    }
  }
  const titles = new Map<string, string>();
  for (const [target, ids] of wanted) {
    for (const [id, title] of await titlesOf(c, target, [...ids])) titles.set(`${target}:${id}`, title);
  }
  return (field, id, record) => titles.get(`${targetOf(field, record)}:${id}`);
}

/** Titles of records of one object the caller may read; none when they may not read the object or its title. */
async function titlesOf(c: Caller, objectName: string, ids: string[]): Promise<Map<string, string>> {
  const titles = new Map<string, string>();
  if (!c.registry.has(objectName)) return titles;
  const titleField = c.registry.get(objectName).titleField;
  for (let start = 0; start < ids.length; start += BATCH) {
    const batch = ids.slice(start, start + BATCH);
    try {
      const page = await listRecords(c, objectName, {
        filter: { kind: 'in', path: ['id'], values: batch },
        fields: titleField,
        limit: BATCH,
      });
      for (const record of page.data) titles.set(String(record.id), String(record[titleField] ?? ''));
    } catch (error) {
      // No read permission on the object, or its title field is hidden: the ids stay as they are.
      if ((error as { status?: number }).status === 403 || (error as { status?: number }).status === 400) return titles;
      throw error;
    }
  }
  return titles;
}
