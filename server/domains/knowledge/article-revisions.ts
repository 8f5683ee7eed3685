// Revisions of knowledge articles: every save that changes the title or the text raises the article's
// revision and keeps that revision as a `knowledgeArticleVersions` record, in the saving transaction;
// an older revision can be brought back (which is itself a new revision, so nothing is lost).
import { invalidField, notFound } from '../../platform/http/problem.ts';
import { createRecord, getRecord, listRecords, systemCaller, updateRecord, type Caller, type ObjectHooks, type RecordValues, type WrittenRecord } from '../../records/index.ts';

const isTextChanged = (before: RecordValues | undefined, changes: RecordValues) =>
  ('title' in changes && changes.title !== before?.title) || ('body' in changes && (changes.body ?? null) !== (before?.body ?? null));

/** Article hooks: the revision number and the publication time are derived, never typed. */
export const articleHooks: ObjectHooks = {
  beforeWrite: ({ action, before, changes, proposed }) => {
    const derived: RecordValues = {};
    if (action === 'update' && isTextChanged(before, changes)) derived.revision = Number(before?.revision ?? 1) + 1;
    if (proposed.status === 'published' && !proposed.publishedAt) derived.publishedAt = new Date().toISOString();
    return derived;
  },
  afterWrite: keepRevision,
};

/** Writes the revision an article save made (its first on create), with who saved it and when. */
async function keepRevision({ caller, action, id, before, record }: WrittenRecord): Promise<void> {
  if (!record || (action !== 'create' && !(action === 'update' && record.revision !== before?.revision))) return;
  const actorId = caller.ctx.userId;
  await createRecord(systemCaller(caller, actorId), 'knowledgeArticleVersions', {
    articleId: id,
    revision: record.revision ?? 1,
    title: record.title,
    body: record.body ?? null,
    savedAt: new Date().toISOString(),
    savedById: actorId,
    ownerId: actorId,
  });
}

/** Kept revisions are the record of what was published: nobody writes or removes them by hand. */
export const revisionHooks: ObjectHooks = {
  validate: ({ caller }) => (caller.isSystem ? undefined : [{ field: 'articleId', code: 'read_only', message: 'article revisions are written by the system' }]),
  afterWrite: ({ caller, action }) => {
    if (!caller.isSystem && (action === 'delete' || action === 'restore')) throw invalidField('id', 'read_only', 'Article revisions are written by the system.');
  },
};

/**
 * Makes an earlier revision's title and text the article's current ones (a new revision), for a caller
 * who may edit the article; 404 for an article or revision the caller cannot read.
 */
export async function restoreRevision(c: Caller, articleId: string, revision: number, expectedVersion?: number): Promise<RecordValues> {
  await getRecord(c, 'knowledgeArticles', articleId);
  const { data } = await listRecords(c, 'knowledgeArticleVersions', { filter: `articleId eq '${articleId}' and revision eq ${revision}`, limit: 1 });
  const kept = data[0];
  if (!kept) throw notFound('The revision');
  return updateRecord(c, 'knowledgeArticles', articleId, { title: kept.title, body: kept.body ?? null }, expectedVersion);
}
