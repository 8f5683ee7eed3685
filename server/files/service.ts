// Attachments on records: added by those who may edit the record, listed and downloaded by exactly
// those who may read it (the record's own access, checked in SQL on every request).
import { and, asc, eq } from 'drizzle-orm';
import { createHash } from 'node:crypto';
import { Problem, invalidField, notFound } from '../platform/http/problem.ts';
import { newId } from '../platform/ids.ts';
import { guardRecordChange, recordAccessOf, type Caller } from '../records/index.ts';
import { attachments } from './schema.ts';
import { sniffContentType } from './sniff.ts';
import type { FileStore } from './store.ts';
import type { Attachment, AttachmentList } from './attachment-shape.ts';

type Row = typeof attachments.$inferSelect;

const present = (row: Row): Attachment => ({
  id: row.id,
  object: row.objectName,
  recordId: row.recordId,
  fileName: row.fileName,
  contentType: row.contentType,
  size: row.size,
  sha256: row.sha256,
  createdBy: row.createdBy,
  createdAt: row.createdAt.toISOString(),
});

/** The record an attachment belongs to must be visible (404 otherwise) and, for changes, editable. */
async function assertRecord(c: Caller, objectName: string, recordId: string, needs: 'read' | 'edit') {
  const access = await recordAccessOf(c, objectName, recordId);
  if (access === 'none') throw notFound('The record');
  if (needs === 'edit' && access !== 'edit') throw new Problem(403, { key: 'detail.filesNeedEdit' });
}

/** A safe display name: the last path segment, without control characters, at most 255 characters. */
function cleanFileName(name: string | undefined): string {
  const base = [...((name ?? '').split(/[\\/]/).at(-1) ?? '')]
    .filter((ch) => ch.charCodeAt(0) >= 0x20 && ch.charCodeAt(0) !== 0x7f)
    .join('')
    .trim();
  if (!base) throw invalidField('filename', 'required', 'Give the file a name (?filename=…).');
  if (base.length > 255) throw invalidField('filename', 'too_long', 'A file name has at most 255 characters.');
  return base;
}

/** Stores a file and attaches it to a record. */
export async function attachFile(
  c: Caller,
  store: FileStore,
  objectName: string,
  recordId: string,
  fileName: string | undefined,
  content: Buffer,
) {
  const name = cleanFileName(fileName);
  await assertRecord(c, objectName, recordId, 'edit');
  if (content.length === 0) throw invalidField('body', 'empty', 'The file is empty.');
  const contentType = await sniffContentType(content, name);
  if (!contentType) {
    throw new Problem(415, { key: 'detail.fileTypeRefused' }, [
      { field: 'body', code: 'unsupported_type', message: 'is not an allowed kind of file' },
    ]);
  }
  const key = await store.put(content);
  try {
    // A file is part of the record: the modules' write guards (a lock) may refuse it as they refuse an edit.
    const row = await c.db.transaction(async (tx) => {
      await guardRecordChange({ ...c, db: tx }, objectName, recordId);
      const [inserted] = await tx.orm
        .insert(attachments)
        .values({
          id: newId(),
          objectName,
          recordId,
          fileName: name,
          contentType,
          size: content.length,
          sha256: createHash('sha256').update(content).digest('hex'),
          storageKey: key,
          createdBy: c.ctx.userId,
        })
        .returning();
      return inserted!;
    });
    return present(row);
  } catch (error) {
    await store.remove(key); // no orphan bytes for a row that was never written
    throw error;
  }
}

/** The files of a record, oldest first. */
export async function listAttachments(c: Caller, objectName: string, recordId: string): Promise<AttachmentList> {
  await assertRecord(c, objectName, recordId, 'read');
  const rows = await c.db.orm
    .select()
    .from(attachments)
    .where(and(eq(attachments.objectName, objectName), eq(attachments.recordId, recordId)))
    .orderBy(asc(attachments.createdAt))
    .limit(1000);
  return { data: rows.map(present), nextCursor: null };
}

async function findReadable(c: Caller, id: string, needs: 'read' | 'edit'): Promise<Row> {
  const [row] = await c.db.orm.select().from(attachments).where(eq(attachments.id, id));
  if (!row) throw notFound('The file');
  try {
    await assertRecord(c, row.objectName, row.recordId, needs);
  } catch (error) {
    // Someone who may not see the record learns nothing about its files either.
    if (error instanceof Problem && error.status === 404) throw notFound('The file');
    throw error;
  }
  return row;
}

/** An attachment the caller may read, with its bytes. */
export async function openAttachment(c: Caller, store: FileStore, id: string) {
  const row = await findReadable(c, id, 'read');
  return { attachment: present(row), stream: store.read(row.storageKey) };
}

/** Removes an attachment and its bytes (the caller must be able to edit the record). */
export async function removeAttachment(c: Caller, store: FileStore, id: string): Promise<void> {
  const row = await findReadable(c, id, 'edit');
  await c.db.transaction(async (tx) => {
    await guardRecordChange({ ...c, db: tx }, row.objectName, row.recordId);
    await tx.orm.delete(attachments).where(eq(attachments.id, id));
  });
  await store.remove(row.storageKey);
}
