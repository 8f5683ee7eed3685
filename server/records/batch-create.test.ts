// Creating many records at once (an import's batch): the same record, change log, search tokens,
// links and hooks as one create at a time; a bad body answered on its own; a broken key rolls back all.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { startTestApp, type TestContext } from '../testing.ts';
import { ensureUser } from '../platform/auth/users.ts';
import { loadRequestContext } from '../platform/access/load-context.ts';
import { Problem } from '../platform/http/problem.ts';
import { watchRecordEvents, type RecordEvent } from '../platform/events/record-events.ts';
import { createRecords, type Caller } from './index.ts';

let t: TestContext;
let c: Caller;
const tag = `batch-${process.pid}-${Date.now().toString(36)}`;

before(async () => {
  t = await startTestApp();
  c = { db: t.db, registry: t.registry, ctx: (await loadRequestContext(t.db, t.adminId))! };
});
after(() => t.close());

test('a batch writes each record as a single create would, history, tokens, links and hooks included', async () => {
  const parent = await t.create('accounts', { name: `母公司 ${tag}` });
  const made = await createRecords(c, 'accounts', [
    { name: `星辰科技 ${tag}`, city: '上海', phone: '021 6555 0101', tags: [tag], parentAccountId: parent.id },
    { name: `Aurora ${tag}`, email: 'Ops@Aurora.example', employees: 12.5, tags: [tag, 'a "quoted", {tag}', 'back\\slash', 'NULL'], address: { street: '南京西路 1 号', city: '上海' }, annualRevenue: { amount: '1234.5', currency: 'CNY' } },
  ]);
  assert.equal(made.length, 2);
  const [first, second] = made.map((r) => ('record' in r ? r.record : assert.fail(JSON.stringify(r))));
  const read = (await t.api('GET', `/api/v1/accounts/${first!.id}`)).body;
  assert.equal(read.name, `星辰科技 ${tag}`);
  assert.equal(read.parentAccountId, parent.id);
  assert.equal(read.phone.e164, '+862165550101');
  assert.equal(read.ownerId, t.adminId);
  assert.ok(read.ownedSince, 'the sales hook derived the owner time');
  assert.equal(second!.email, 'ops@aurora.example');
  const stored = (await t.api('GET', `/api/v1/accounts/${second!.id}`)).body;
  assert.deepEqual(stored.tags.toSorted(), [tag, 'a "quoted", {tag}', 'back\\slash', 'NULL'].toSorted(), 'list items with quotes, braces and backslashes survive');
  assert.deepEqual([stored.employees, stored.address.street, stored.annualRevenue.currency], [12.5, '南京西路 1 号', 'CNY']);
  assert.equal(read.tags.length, 1);
  const history = await t.api('GET', `/api/v1/accounts/${second!.id}/history`);
  assert.deepEqual(history.body.data.map((h: { action: string }) => h.action), ['create']);
  const found = await t.api('GET', `/api/v1/search?q=${encodeURIComponent('星辰科技')}`);
  assert.ok(found.body.data.some((hit: { id: string }) => hit.id === first!.id), 'searchable like any record');

  // A primary lookup joins its list of links (a junction row) as in a single create.
  const contacts = await createRecords(c, 'contacts', [{ name: `张伟 ${tag}`, accountId: parent.id }]);
  const contact = 'record' in contacts[0]! ? contacts[0].record : assert.fail();
  assert.deepEqual((await t.api('GET', `/api/v1/contacts/${contact.id}`)).body.accountIds, [parent.id]);
});

test('a bad body is answered on its own; the others are written', async () => {
  const results = await createRecords(c, 'accounts', [
    { name: `Good ${tag}`, tags: [tag] },
    { name: 5 },
    { name: `No parent ${tag}`, parentAccountId: '01900000-0000-7000-8000-000000000000' },
    { name: `Good too ${tag}`, tags: [tag] },
  ]);
  assert.ok('record' in results[0]! && 'record' in results[3]!);
  const bad = results[1] as { error: Problem };
  assert.equal(bad.error.status, 400);
  assert.equal(bad.error.errors[0]!.field, 'name');
  const missing = results[2] as { error: Problem };
  assert.deepEqual(missing.error.errors.map((e) => [e.field, e.code]), [['parentAccountId', 'not_found']]);
  const [row] = await t.db.rows<{ n: number | string }>(sql`select count(*) as n from accounts where name = ${`No parent ${tag}`}`);
  assert.equal(Number(row!.n), 0);
});

test('a unique key broken inside the batch rolls the whole batch back', async () => {
  const key = `EXT-${tag}`;
  await assert.rejects(createRecords(c, 'accounts', [{ name: `Unique A ${tag}`, externalId: key }, { name: `Unique B ${tag}`, externalId: key }]));
  const [row] = await t.db.rows<{ n: number | string }>(sql`select count(*) as n from accounts where external_id = ${key}`);
  assert.equal(Number(row!.n), 0);
});

test('each record of a batch is one change-log entry and one record event, sent on commit only', async () => {
  const events: RecordEvent[] = [];
  const stop = await watchRecordEvents(t.db, (event) => events.push(event));
  try {
    const names = Array.from({ length: 30 }, (_, i) => `Evented ${i} ${tag}`);
    const made = await createRecords(c, 'accounts', names.map((name) => ({ name, city: '杭州' })));
    const ids = made.map((r) => ('record' in r ? (r.record.id as string) : assert.fail(JSON.stringify(r))));
    await assert.rejects(createRecords(c, 'accounts', [{ name: `Never ${tag}`, externalId: `DUP-${tag}` }, { name: `Never 2 ${tag}`, externalId: `DUP-${tag}` }]));
    for (let waited = 0; events.filter((e) => e.action === 'create').length < ids.length && waited < 5000; waited += 50) await new Promise((resolve) => setTimeout(resolve, 50));
    const created = events.filter((e) => ids.includes(e.id));
    assert.deepEqual(created.map((e) => e.id).toSorted(), ids.toSorted());
    for (const event of created) {
      assert.equal(event.object, 'accounts');
      assert.equal(event.action, 'create');
      assert.equal(event.actorId, t.adminId);
      assert.ok(event.changedFields.includes('name') && event.changedFields.includes('city'), event.changedFields.join());
    }
    const [logged] = await t.db.rows<{ n: number | string }>(sql`select count(*) as n from record_changes where record_id = any(${sql.param(ids)}::uuid[]) and action = 'create' and changes->'name'->>1 like 'Evented %'`);
    assert.equal(Number(logged!.n), ids.length);
    // The rolled-back batch announced nothing.
    assert.equal(events.filter((e) => e.object === 'accounts').length, ids.length);
  } finally {
    await stop();
  }
});

test('a caller without the create permission is refused before anything is read', async () => {
  const reader = await ensureUser(t.db, { email: `reader-${tag}@example.com`, name: 'Reader 只读', roleKey: 'read_only' });
  const readerCaller: Caller = { db: t.db, registry: t.registry, ctx: (await loadRequestContext(t.db, reader.id))! };
  await assert.rejects(createRecords(readerCaller, 'accounts', [{ name: 'x' }]), (error: unknown) => error instanceof Problem && error.status === 403);
});
