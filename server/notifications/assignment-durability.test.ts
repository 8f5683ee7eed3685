// An assignment notice is written with the assignment, in one transaction: it exists once the write
// commits even if the process dies before any after-commit work runs, and a rolled-back write leaves
// none. A real database, the real write path and the installed modules.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { and, eq } from 'drizzle-orm';
import { startTestApp, type TestContext } from '../testing.ts';
import { createRecord, updateRecord, type Caller } from '../records/index.ts';
import { ensureUser } from '../platform/auth/users.ts';
import { loadRequestContext } from '../platform/access/load-context.ts';
import { notifications } from './schema.ts';

let t: TestContext;
let ownerId: string;

before(async () => {
  t = await startTestApp();
  ({ id: ownerId } = await ensureUser(t.db, { email: 'new.owner@example.com', name: '新负责人 New owner', roleKey: 'sales_rep' }));
});
after(() => t.close());

/**
 * The administrator's caller, as if inside an outer write transaction whose after-commit tasks are
 * collected here and never run: what a process that dies right after the commit leaves behind.
 */
async function callerThatDiesAfterCommit(): Promise<{ caller: Caller; pending: unknown[] }> {
  const ctx = await loadRequestContext(t.db, t.adminId);
  assert.ok(ctx);
  const pending: Array<(root: Caller) => Promise<void>> = [];
  return { caller: { db: t.db, registry: t.registry, ctx, afterCommit: pending }, pending };
}

const noticesOf = (recordId: string) =>
  t.db.orm.select().from(notifications).where(and(eq(notifications.userId, ownerId), eq(notifications.recordId, recordId)));

test('the notice of a new owner exists after the commit even though no after-commit work ever ran', async () => {
  const { caller, pending } = await callerThatDiesAfterCommit();
  const account = await createRecord(caller, 'accounts', { name: '交接客户 Handover', ownerId });
  const contact = await createRecord(caller, 'contacts', { name: '交接联系人 Handover contact' });
  await updateRecord(caller, 'contacts', contact.id as string, { ownerId });
  // The writes are committed (they were not inside a transaction of the test's own) …
  assert.equal((await t.api('GET', `/api/v1/accounts/${account.id}`)).status, 200);
  // … and whatever they left for after the commit is still waiting here: it never runs.
  void pending;
  for (const recordId of [account.id as string, contact.id as string]) {
    const [notice] = await noticesOf(recordId);
    assert.ok(notice, 'the notice was committed with the write');
    assert.equal(notice.kind, 'record.assigned');
    assert.equal(notice.actorId, t.adminId);
    assert.equal(notice.emailStatus, 'pending', 'the mail job will send its e-mail');
  }
});

test('a rolled-back assignment leaves no notice', async () => {
  const tag = `rollback-${process.pid}`;
  const countBefore = (await t.db.orm.select().from(notifications).where(eq(notifications.userId, ownerId))).length;
  const r = await t.api('POST', '/api/v1/accounts/bulk', {
    action: 'create',
    records: [
      { name: 'Assigned then rolled back', ownerId, tags: [tag] },
      { name: 'x'.repeat(5000), tags: [tag] },
    ],
  });
  assert.equal(r.status, 400, 'the second record is refused, so the first is never written');
  const notices = await t.db.orm.select().from(notifications).where(eq(notifications.userId, ownerId));
  assert.equal(notices.length, countBefore);
});

test('over HTTP, the new owner finds the notice as soon as the write answers', async () => {
  const account = await t.create('accounts', { name: '立即可见 Visible at once', ownerId });
  const [notice] = await noticesOf(account.id);
  assert.ok(notice);
});
