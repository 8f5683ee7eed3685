// The notification center over HTTP on a real database: assignment notices in the reader's language,
// read and unread, preferences, access re-checked on every read, e-mail through a real SMTP peer, and
// the live stream (Server-Sent Events) with notifications and record events.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { startTestApp, type TestContext } from '../testing.ts';
import { createRecord, systemCaller } from '../records/index.ts';
import { createApiKey } from '../platform/auth/api-keys.ts';
import { ensureUser } from '../platform/auth/users.ts';
import { createMailer } from '../platform/mail/mailer.ts';
import { startSmtpPeer, type SmtpPeer } from '../platform/mail/test-smtp.ts';
import { watchRecordEvents, type RecordEvent } from '../platform/events/record-events.ts';
import { sendPendingNotificationMails } from './email.ts';

let t: TestContext;
let smtp: SmtpPeer;
let baseUrl: string;

type Person = { id: string; token: string };
let wang: Person; // zh-CN
let emily: Person; // en

async function as(who: Person, method: 'GET' | 'POST' | 'PUT' | 'PATCH', url: string, body?: unknown) {
  const r = await t.app.inject({ method, url, headers: { authorization: `Bearer ${who.token}` }, ...(body === undefined ? {} : { payload: body as object }) });
  return { status: r.statusCode, body: r.body ? JSON.parse(r.body) : null };
}

async function person(handle: string, locale: 'en' | 'zh-CN'): Promise<Person> {
  const { id } = await ensureUser(t.db, { email: `${handle}@example.com`, name: handle === 'wang' ? '王强' : 'Emily Carter', roleKey: 'sales_rep', locale });
  return { id, token: (await createApiKey(t.db, id, handle)).token };
}

before(async () => {
  smtp = await startSmtpPeer();
  t = await startTestApp({ settings: { publicUrl: 'https://crm.example.com' } });
  wang = await person('wang', 'zh-CN');
  emily = await person('emily', 'en');
  baseUrl = await t.app.listen({ port: 0, host: '127.0.0.1' });
});
after(async () => {
  await t.close();
  await smtp.close();
});

test("assigning a record tells its new owner, in the owner's language", async () => {
  const account = await t.create('accounts', { name: '星空传媒', ownerId: wang.id });
  const list = await as(wang, 'GET', '/api/v1/notifications');
  assert.equal(list.status, 200);
  const item = list.body.data.find((n: { recordId: string }) => n.recordId === account.id);
  assert.ok(item, JSON.stringify(list.body));
  assert.equal(item.message, 'Admin 管理员 将客户「星空传媒」分配给了您');
  assert.equal(item.readAt, null);
  assert.equal((await as(wang, 'GET', '/api/v1/notifications/unread-count')).body.count, 1);

  await t.api('PATCH', `/api/v1/accounts/${account.id}`, { ownerId: emily.id });
  const english = (await as(emily, 'GET', '/api/v1/notifications')).body.data[0];
  assert.equal(english.message, 'Admin 管理员 assigned the account “星空传媒” to you');
  // 王强 no longer owns the private account: what he was told about it is gone with it.
  assert.deepEqual((await as(wang, 'GET', '/api/v1/notifications')).body.data, []);
  assert.equal((await as(wang, 'GET', '/api/v1/notifications/unread-count')).body.count, 0);
});

test('no notice for giving oneself a record, or for a write that changes no owner', async () => {
  const own = await as(wang, 'POST', '/api/v1/accounts', { name: 'Own 自己的' });
  assert.equal(own.status, 201);
  await as(wang, 'PATCH', `/api/v1/accounts/${own.body.id}`, { city: '上海' });
  assert.ok(!(await as(wang, 'GET', '/api/v1/notifications')).body.data.some((n: { recordId: string }) => n.recordId === own.body.id));
});

test('read one, read all, and pages of notifications', async () => {
  const ids: string[] = [];
  for (let i = 0; i < 5; i++) ids.push((await t.create('contacts', { name: `联系人 ${i}`, ownerId: emily.id })).id);
  const first = await as(emily, 'GET', '/api/v1/notifications?limit=2&unread=true');
  assert.equal(first.body.data.length, 2);
  assert.ok(first.body.nextCursor);
  const second = await as(emily, 'GET', `/api/v1/notifications?limit=2&unread=true&cursor=${first.body.nextCursor}`);
  assert.equal(second.body.data.length, 2);
  assert.ok(!second.body.data.some((n: { id: string }) => first.body.data.some((m: { id: string }) => m.id === n.id)));
  assert.equal((await as(emily, 'POST', `/api/v1/notifications/${first.body.data[0].id}/read`)).status, 204);
  assert.equal((await as(wang, 'POST', `/api/v1/notifications/${first.body.data[1].id}/read`)).status, 404, "someone else's");
  const before = (await as(emily, 'GET', '/api/v1/notifications/unread-count')).body.count;
  assert.equal((await as(emily, 'POST', '/api/v1/notifications/read-all')).body.updated, before);
  assert.equal((await as(emily, 'GET', '/api/v1/notifications/unread-count')).body.count, 0);
  assert.equal((await as(emily, 'GET', '/api/v1/notifications?cursor=nonsense')).status, 400);
});

test('preferences: per kind, in the app and by e-mail; neither means no notice at all', async () => {
  const defaults = await as(wang, 'GET', '/api/v1/notifications/preferences');
  assert.deepEqual(defaults.body.data[0], { kind: 'record.assigned', isInApp: true, isEmail: true });
  assert.ok(defaults.body.data.some((p: { kind: string }) => p.kind === 'deal.big'), 'every kind has its defaults');
  const off = await as(wang, 'PUT', '/api/v1/notifications/preferences', { items: [{ kind: 'record.assigned', isInApp: false, isEmail: false }] });
  assert.equal(off.status, 200);
  const account = await t.create('accounts', { name: 'Quiet 安静', ownerId: wang.id });
  assert.ok(!(await as(wang, 'GET', '/api/v1/notifications')).body.data.some((n: { recordId: string }) => n.recordId === account.id));
  assert.equal((await as(wang, 'PUT', '/api/v1/notifications/preferences', { items: [{ kind: 'nosuch', isInApp: true, isEmail: true }] })).status, 400);
  await as(wang, 'PUT', '/api/v1/notifications/preferences', { items: [{ kind: 'record.assigned', isInApp: true, isEmail: true }] });
});

test('e-mail goes out once, in the reader’s language, only while the record is visible', async () => {
  const mailer = createMailer({ smtpUrl: smtp.url, from: 'Guanxi <no-reply@example.com>' });
  const deps = { db: t.db, registry: t.registry, mailer, publicUrl: 'https://crm.example.com' };
  await sendPendingNotificationMails(deps); // what earlier tests left
  smtp.inbox.length = 0;
  const kept = await t.create('opportunities', { name: '年度续约', ownerId: wang.id });
  const moved = await t.create('opportunities', { name: '已转走的商机', ownerId: wang.id });
  await t.api('PATCH', `/api/v1/opportunities/${moved.id}`, { ownerId: t.adminId });
  assert.equal(await sendPendingNotificationMails(deps), 1);
  assert.equal(smtp.inbox.length, 1);
  assert.equal(smtp.inbox[0]!.subject, 'Admin 管理员 将商机「年度续约」分配给了您');
  assert.ok(smtp.inbox[0]!.text?.includes(`https://crm.example.com/opportunities/${kept.id}`));
  assert.equal(await sendPendingNotificationMails(deps), 0, 'never twice');
});

/** Reads Server-Sent Events from a real HTTP connection until `until` says enough. */
async function readEvents(who: Person, until: (events: Array<{ event: string; data: any; id?: string }>) => boolean, headers: Record<string, string> = {}, act?: () => Promise<void>) {
  const controller = new AbortController();
  const response = await fetch(`${baseUrl}/api/v1/notifications/stream`, { headers: { authorization: `Bearer ${who.token}`, ...headers }, signal: controller.signal });
  assert.equal(response.status, 200);
  assert.match(response.headers.get('content-type') ?? '', /text\/event-stream/);
  const events: Array<{ event: string; data: any; id?: string }> = [];
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  const timeout = setTimeout(() => controller.abort(), 15_000);
  const acting = act?.();
  try {
    while (!until(events)) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += decoder.decode(value, { stream: true });
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const field = (name: string) => block.split('\n').find((l) => l.startsWith(`${name}: `))?.slice(name.length + 2);
        if (field('event')) events.push({ event: field('event')!, data: JSON.parse(field('data')!), id: field('id') });
      }
    }
  } finally {
    clearTimeout(timeout);
    controller.abort();
    await acting;
  }
  return events;
}

test('the stream brings notifications and changes to visible records, nothing about invisible ones', async () => {
  const visible = await t.create('accounts', { name: 'Streamed 可见', ownerId: emily.id });
  const invisible = await t.create('accounts', { name: 'Hidden 不可见' });
  const events = await readEvents(
    emily,
    (e) => e.some((x) => x.event === 'record' && x.data.id === visible.id && x.data.action === 'update'),
    {},
    async () => {
      await new Promise((resolve) => setTimeout(resolve, 200)); // the stream is open
      await t.api('PATCH', `/api/v1/accounts/${invisible.id}`, { city: '北京' });
      await t.create('leads', { name: 'Assigned lead 线索', ownerId: emily.id });
      await t.api('PATCH', `/api/v1/accounts/${visible.id}`, { city: '上海' });
    },
  );
  assert.ok(events.some((e) => e.event === 'notification' && e.data.message.includes('Assigned lead 线索') && e.id === e.data.id));
  assert.ok(!events.some((e) => e.data.id === invisible.id || e.data.recordId === invisible.id));
  const change = events.find((e) => e.event === 'record' && e.data.id === visible.id)!;
  assert.deepEqual(change.data.changedFields, ['city']);
});

test('a record event names only the fields the reader may see; a change of hidden fields alone is not sent', async () => {
  // Service agents may read accounts but not their annual revenue (field security).
  const { id } = await ensureUser(t.db, { email: 'agent@example.com', name: '客服 Agent', roleKey: 'service_agent', locale: 'zh-CN' });
  const agent = { id, token: (await createApiKey(t.db, id, 'agent')).token };
  const account = await t.create('accounts', { name: 'Revenue 营收保密', ownerId: agent.id });
  const events = await readEvents(
    agent,
    (e) => e.some((x) => x.event === 'record' && x.data.id === account.id && x.data.changedFields.includes('city')),
    {},
    async () => {
      await new Promise((resolve) => setTimeout(resolve, 200)); // the stream is open
      await t.api('PATCH', `/api/v1/accounts/${account.id}`, { annualRevenue: '9000000.00' });
      await t.api('PATCH', `/api/v1/accounts/${account.id}`, { annualRevenue: '9100000.00', city: '杭州' });
    },
  );
  const updates = events.filter((e) => e.event === 'record' && e.data.id === account.id && e.data.action === 'update');
  assert.deepEqual(updates.map((e) => e.data.changedFields), [['city']]);
});

test('a reconnecting stream gets what it missed after Last-Event-ID', async () => {
  const first = await t.create('accounts', { name: 'Missed 1', ownerId: emily.id });
  const list = (await as(emily, 'GET', '/api/v1/notifications')).body.data;
  const lastSeen = list.find((n: { recordId: string }) => n.recordId === first.id).id;
  const second = await t.create('accounts', { name: 'Missed 2', ownerId: emily.id });
  const events = await readEvents(emily, (e) => e.some((x) => x.data.recordId === second.id), { 'last-event-id': lastSeen });
  assert.ok(!events.some((e) => e.data.recordId === first.id));
});

test('record events come once per committed write, never for a write that rolled back', async () => {
  const seen: RecordEvent[] = [];
  const stop = await watchRecordEvents(t.db, (event) => seen.push(event));
  try {
    // The first record is written, then the second meets a taken key: the whole bulk rolls back.
    const holder = await t.create('accounts', { name: 'Holder', externalId: 'EVT-TAKEN' });
    const arrived = (id: string) => seen.some((e) => e.id === id);
    for (let i = 0; i < 100 && !arrived(holder.id); i++) await new Promise((resolve) => setTimeout(resolve, 20));
    const after = seen.length;
    const failed = await t.api('POST', '/api/v1/accounts/bulk', {
      action: 'create',
      records: [{ name: 'Rolled back', externalId: 'EVT-NEW' }, { name: 'Clash', externalId: 'EVT-TAKEN' }],
    });
    assert.equal(failed.status, 409, JSON.stringify(failed.body));
    const created = await t.create('accounts', { name: 'Committed 已提交' });
    for (let i = 0; i < 100 && !arrived(created.id); i++) await new Promise((resolve) => setTimeout(resolve, 20));
    assert.deepEqual(seen.slice(after).map((e) => [e.object, e.id, e.action]), [['accounts', created.id, 'create']]);
    assert.equal(seen.at(-1)!.actorId, t.adminId);
  } finally {
    await stop();
  }
});

test('work the system does by itself notifies no one; without SMTP, pending mails are set aside quietly', async () => {
  const seeded = await createRecord(systemCaller({ db: t.db, registry: t.registry }, t.adminId), 'accounts', { name: 'Seeded 演示', ownerId: wang.id });
  assert.ok(!(await as(wang, 'GET', '/api/v1/notifications')).body.data.some((n: { recordId: string }) => n.recordId === seeded.id));
  await t.create('accounts', { name: 'Pending mail', ownerId: wang.id });
  const warnings: string[] = [];
  const mailer = createMailer({ smtpUrl: undefined, from: 'x@example.com' }, (message) => warnings.push(message));
  assert.equal(await sendPendingNotificationMails({ db: t.db, registry: t.registry, mailer, publicUrl: 'https://crm.example.com' }), 0);
  assert.deepEqual(warnings, []);
  const [{ pending }] = await t.db.rows<{ pending: number }>(sql`select count(*)::int as pending from notifications where email_status = 'pending'`);
  assert.equal(pending, 0);
});
