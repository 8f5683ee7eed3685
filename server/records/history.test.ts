// Field history and the 360° timeline of a record, over HTTP: contents, newest-first order, and cursor
// pagination that neither repeats nor skips an entry.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestContext } from '../testing.ts';
import { ensureUser } from '../platform/auth/users.ts';

let t: TestContext;

before(async () => {
  t = await startTestApp();
});
after(() => t.close());

const create = (object: string, body: Record<string, unknown>) => t.create(object, body);

async function patch(object: string, id: string, body: Record<string, unknown>): Promise<Record<string, any>> {
  const r = await t.api('PATCH', `/api/v1/${object}/${id}`, body);
  assert.equal(r.status, 200, JSON.stringify(r.body));
  return r.body;
}

/** Every page of a history or timeline, following nextCursor. */
async function walk(url: string, limit: number): Promise<Record<string, any>[]> {
  const entries: Record<string, any>[] = [];
  let cursor: string | null = null;
  for (let pages = 0; pages < 100; pages++) {
    const r = await t.api('GET', `${url}?limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`);
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.ok(r.body.data.length <= limit);
    entries.push(...r.body.data);
    cursor = r.body.nextCursor;
    if (!cursor) return entries;
    assert.equal(r.body.data.length, limit, 'only the last page may be short');
  }
  throw new Error('pagination does not end');
}

/** Asserts entries are newest first (ties broken by id, descending) with no duplicates. */
function assertNewestFirst(entries: Record<string, any>[]): void {
  assert.equal(new Set(entries.map((e) => e.id)).size, entries.length, 'duplicate entries');
  for (let i = 1; i < entries.length; i++) {
    const [a, b] = [entries[i - 1]!, entries[i]!];
    assert.ok(a.at > b.at || (a.at === b.at && a.id > b.id), `${a.at} ${a.id} before ${b.at} ${b.id}`);
  }
}

/** An entry's changes as { field: [from, to] }. */
const changes = (e: any) => Object.fromEntries(e.changes.map((c: any) => [c.field, [c.from, c.to]]));

test('history: one entry per write, newest first, old → new per changed field', async () => {
  const account = await create('accounts', { name: '深圳海岸科技', city: '深圳', annualRevenue: '10.5' });
  await patch('accounts', account.id, { city: '广州' });
  await patch('accounts', account.id, { city: '佛山', employees: 12, annualRevenue: { amount: '20', currency: 'USD' } });
  await patch('accounts', account.id, { phone: '020 8888 6666', tags: ['a'] });
  await patch('accounts', account.id, { city: '佛山' }); // no change: no entry

  const r = await t.api('GET', `/api/v1/accounts/${account.id}/history`);
  assert.equal(r.status, 200);
  assert.equal(r.body.nextCursor, null);
  const entries = r.body.data;
  assert.deepEqual(entries.map((e: any) => e.action), ['update', 'update', 'update', 'create']);
  assertNewestFirst(entries);
  for (const e of entries) {
    assert.equal(e.actorId, t.adminId);
    assert.match(e.at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  }
  assert.deepEqual(changes(entries[0]), { phone: [null, { e164: '+862088886666', original: '020 8888 6666' }], tags: [null, ['a']] });
  assert.deepEqual(changes(entries[1]), {
    city: ['广州', '佛山'],
    employees: [null, 12],
    annualRevenue: [{ amount: '10.50', currency: 'CNY' }, { amount: '20.00', currency: 'USD' }],
  });
  assert.deepEqual(changes(entries[2]), { city: ['深圳', '广州'] });
  const created = changes(entries[3]);
  assert.deepEqual(created.name, [null, '深圳海岸科技']);
  assert.deepEqual(created.city, [null, '深圳']);
  assert.deepEqual(created.ownerId, [null, t.adminId]);
  assert.equal('employees' in created, false); // only the values set
});

test('history of multi-lookups, owner changes, delete and restore; still readable in the recycle bin', async () => {
  const [a, b] = [await create('accounts', { name: 'Link A' }), await create('accounts', { name: 'Link B' })];
  const contact = await create('contacts', { name: '孙丽', accountId: a.id });
  await patch('contacts', contact.id, { accountIds: [a.id, b.id] });
  const { id: colleague } = await ensureUser(t.db, { email: 'colleague@example.com', name: '同事 Colleague' });
  await patch('contacts', contact.id, { ownerId: colleague });
  assert.equal((await t.api('DELETE', `/api/v1/contacts/${contact.id}`)).status, 204);
  const inBin = await t.api('GET', `/api/v1/contacts/${contact.id}/history`);
  assert.equal(inBin.status, 200);
  assert.deepEqual(inBin.body.data.map((e: any) => e.action), ['delete', 'update', 'update', 'create']);
  assert.equal((await t.api('POST', `/api/v1/contacts/${contact.id}/restore`)).status, 200);

  const entries = (await t.api('GET', `/api/v1/contacts/${contact.id}/history`)).body.data;
  assert.deepEqual(entries.map((e: any) => e.action), ['restore', 'delete', 'update', 'update', 'create']);
  assert.deepEqual(entries[2].changes, [{ field: 'ownerId', from: t.adminId, to: colleague }]);
  assert.deepEqual(entries[3].changes, [{ field: 'accountIds', from: [a.id], to: [a.id, b.id].toSorted() }]);
  assert.equal((await t.api('GET', '/api/v1/contacts/01900000-0000-7000-8000-000000000000/history')).status, 404);
  assert.equal((await t.api('GET', `/api/v1/accounts/${contact.id}/history`)).status, 404); // another object's id
});

test('history pagination: every entry once, in order, whatever the page size (ties included)', async () => {
  const account = await create('accounts', { name: 'Paged history' });
  for (let i = 1; i <= 6; i++) await patch('accounts', account.id, { employees: i });
  // Two writes in one transaction share a timestamp: the id breaks the tie.
  const tied = await t.api('POST', '/api/v1/accounts/bulk', { action: 'update', records: [{ id: account.id, city: 'one' }, { id: account.id, city: 'two' }] });
  assert.equal(tied.status, 200);

  const url = `/api/v1/accounts/${account.id}/history`;
  const full = (await t.api('GET', `${url}?limit=500`)).body.data;
  assert.equal(full.length, 9);
  assertNewestFirst(full);
  assert.equal(full[0].at, full[1].at);
  assert.deepEqual(full[0].changes, [{ field: 'city', from: 'one', to: 'two' }]); // the later write first
  for (const limit of [1, 2, 4, 9, 50]) assert.deepEqual((await walk(url, limit)).map((e) => e.id), full.map((e: any) => e.id), `limit ${limit}`);
});

test('timeline: activities linked by relatedId, accountId, contactId, opportunityId and leadId, plus changes', async () => {
  const account = await create('accounts', { name: 'Timeline Co' });
  const other = await create('accounts', { name: 'Someone else' });
  const contact = await create('contacts', { name: '吴刚', accountId: account.id });
  const opportunity = await create('opportunities', { name: 'Timeline deal', accountId: account.id });
  const lead = await create('leads', { name: 'Timeline lead' });

  const call = await create('activities', { type: 'call', subject: 'Call by accountId', accountId: account.id, startAt: '2026-02-01T09:00:00Z' });
  const visit = await create('activities', { type: 'visit', subject: 'Visit by relatedId', relatedObject: 'accounts', relatedId: account.id, startAt: '2026-03-01T09:00:00Z' });
  const note = await create('activities', { type: 'note', subject: 'Note without a start' }); // not linked
  await patch('activities', note.id, { accountId: account.id }); // now linked; placed at its creation time
  const elsewhere = await create('activities', { type: 'task', subject: 'Other account', accountId: other.id, startAt: '2026-02-15T09:00:00Z' });
  const byContact = await create('activities', { type: 'meeting', subject: 'Meeting with contact', contactId: contact.id, startAt: '2026-01-10T02:00:00Z' });
  const byOpportunity = await create('activities', { type: 'task', subject: 'Deal task', opportunityId: opportunity.id, startAt: '2026-01-11T02:00:00Z' });
  const byLead = await create('activities', { type: 'call', subject: 'Lead call', leadId: lead.id, startAt: '2026-01-12T02:00:00Z' });
  const cancelled = await create('activities', { type: 'call', subject: 'Deleted', accountId: account.id, startAt: '2026-02-20T09:00:00Z' });
  assert.equal((await t.api('DELETE', `/api/v1/activities/${cancelled.id}`)).status, 204);
  await patch('accounts', account.id, { city: '西安' });

  const timeline = async (object: string, id: string) => {
    const r = await t.api('GET', `/api/v1/${object}/${id}/timeline?limit=500`);
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assertNewestFirst(r.body.data);
    return r.body.data as Record<string, any>[];
  };
  const entries = await timeline('accounts', account.id);
  const activityIds = entries.filter((e) => e.kind === 'activity').map((e) => e.id);
  assert.deepEqual(activityIds.toSorted(), [call.id, visit.id, note.id].toSorted());
  assert.ok(!activityIds.includes(elsewhere.id) && !activityIds.includes(cancelled.id));
  const changeEntries = entries.filter((e) => e.kind === 'change');
  assert.deepEqual(changeEntries.map((e) => e.action), ['update', 'create']);
  assert.deepEqual(changeEntries[0]!.changes, [{ field: 'city', from: null, to: '西安' }]);
  const visitEntry = entries.find((e) => e.id === visit.id)!;
  assert.equal(visitEntry.at, '2026-03-01T09:00:00.000Z');
  assert.equal(visitEntry.activity.subject, 'Visit by relatedId');
  assert.equal(entries.find((e) => e.id === note.id)!.at, note.createdAt);

  const ids = async (object: string, id: string) => (await timeline(object, id)).filter((e) => e.kind === 'activity').map((e) => e.id);
  assert.deepEqual(await ids('contacts', contact.id), [byContact.id]);
  assert.deepEqual(await ids('opportunities', opportunity.id), [byOpportunity.id]);
  assert.deepEqual(await ids('leads', lead.id), [byLead.id]);

  // Restored, an activity is back in the timeline.
  assert.equal((await t.api('POST', `/api/v1/activities/${cancelled.id}/restore`)).status, 200);
  assert.ok((await ids('accounts', account.id)).includes(cancelled.id));
});

test('timeline pagination: no duplicates or gaps across pages, with activities sharing a time', async () => {
  const account = await create('accounts', { name: 'Busy account' });
  const same = '2026-05-05T05:05:05.000Z';
  const bulk = await t.api('POST', '/api/v1/activities/bulk', {
    action: 'create',
    records: [
      ...Array.from({ length: 5 }, (_, i) => ({ type: 'call', subject: `Same time ${i}`, accountId: account.id, startAt: same })),
      ...Array.from({ length: 6 }, (_, i) => ({ type: 'note', subject: `Day ${i}`, relatedObject: 'accounts', relatedId: account.id, startAt: `2026-04-0${i + 1}T08:00:00Z` })),
      { type: 'task', subject: 'Undated', accountId: account.id },
    ],
  });
  assert.equal(bulk.status, 200);
  for (const city of ['a', 'b', 'c']) await patch('accounts', account.id, { city });

  const url = `/api/v1/accounts/${account.id}/timeline`;
  const full = (await t.api('GET', `${url}?limit=500`)).body.data as Record<string, any>[];
  assert.equal(full.length, 12 + 4);
  assertNewestFirst(full);
  assert.deepEqual(full.filter((e) => e.at === same).map((e) => e.id), bulk.body.data.slice(0, 5).map((a: any) => a.id).toReversed());
  for (const limit of [1, 3, 5, 16]) assert.deepEqual((await walk(url, limit)).map((e) => e.id), full.map((e) => e.id), `limit ${limit}`);
});
