// Access is checked when a notification is read, streamed or e-mailed, not only when it was made: a
// person who can no longer see the record is told nothing about it, and never sees a hidden title.
import { definitionFor, listRecords, type Caller } from '../records/index.ts';

export interface RecordRef {
  objectName: string | null;
  recordId: string | null;
}

/**
 * The records among `refs` the caller may see now, keyed `object:id`, each with its title (null when
 * the title field is hidden from the caller). `isDeleted` looks in the recycle bin instead.
 */
export async function visibleRecords(c: Caller, refs: RecordRef[], options: { isDeleted?: boolean } = {}): Promise<Map<string, { title: string | null }>> {
  const visible = new Map<string, { title: string | null }>();
  const byObject = new Map<string, Set<string>>();
  for (const { objectName, recordId } of refs) {
    if (!objectName || !recordId) continue;
    byObject.set(objectName, (byObject.get(objectName) ?? new Set()).add(recordId));
  }
  for (const [objectName, ids] of byObject) {
    if (!c.registry.has(objectName)) continue;
    const def = definitionFor(c, c.registry.get(objectName));
    if (!def) continue; // the role may not read the object at all
    const title = def.fields.some((f) => f.name === def.titleField) ? def.titleField : undefined;
    const idList = [...ids];
    for (let i = 0; i < idList.length; i += 500) {
      const chunk = idList.slice(i, i + 500);
      const page = await listRecords(c, objectName, {
        filter: `id in (${chunk.map((id) => `'${id}'`).join(', ')})`,
        fields: title ? `id,${title}` : 'id',
        limit: 500,
        isDeleted: options.isDeleted,
      });
      for (const record of page.data) {
        visible.set(`${objectName}:${String(record.id)}`, { title: title ? ((record[title] as string | null) ?? null) : null });
      }
    }
  }
  return visible;
}

/** The key of a record in the map visibleRecords returns. */
export const recordKey = (objectName: string, recordId: string) => `${objectName}:${recordId}`;
