// The bulletin board over HTTP: the audience enforced on every read path, read receipts and the
// not-read list, sanitised rich text, pinned-first ordering, who may publish, and notices on publishing.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { startTestApp, type TestContext } from '../../testing.ts';
import { createApiKey } from '../../platform/auth/api-keys.ts';
import { purgeDeletedRecords, systemCaller } from '../../records/index.ts';
import { ensureBulletinPermissions } from './role-defaults.ts';

let t: TestContext;
let roleIds: Record<string, string>;
let serial = 0;

type As = Awaited<ReturnType<typeof person>>;

/** A user of the role in the teams, with requests sent with their own API key. */
async function person(roleKey: string, teamIds: string[] = []) {
  const name = `bulletin-${roleKey}-${++serial}`;
  const user = await t.api('POST', '/api/v1/admin/users', { email: `${name}@example.com`, name, roleId: roleIds[roleKey], teamIds });
  assert.equal(user.status, 201, JSON.stringify(user.body));
  const { token } = await createApiKey(t.db, user.body.id, name);
  const send = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, body?: unknown) => t.api(method, url, body, { authorization: `Bearer ${token}` });
  return { id: user.body.id as string, name, send };
}

const team = async (name: string, parentId?: string) => (await t.api('POST', '/api/v1/admin/teams', { name: `${name} ${++serial}`, ...(parentId ? { parentId } : {}) })).body.id as string;
const filterBy = (id: string) => encodeURIComponent(`id eq '${id}'`);

/** Every read path a reader might take to an announcement; true where it shows. */
async function pathsSeeing(reader: As, id: string, word: string) {
  const get = (await reader.send('GET', `/api/v1/announcements/${id}`)).status === 200;
  const list = (await reader.send('GET', `/api/v1/announcements?filter=${filterBy(id)}`)).body.data.length === 1;
  const search = (await reader.send('GET', `/api/v1/search?q=${encodeURIComponent(word)}`)).body.data.some((hit: { id: string }) => hit.id === id);
  const count = ((await reader.send('GET', `/api/v1/announcements/aggregate?filter=${filterBy(id)}`)).body.data[0]?.count ?? 0) === 1;
  const board = (await reader.send('GET', '/api/v1/bulletin/board')).body.data.some((a: { id: string }) => a.id === id);
  const attachments = (await reader.send('GET', `/api/v1/announcements/${id}/attachments`)).status === 200;
  return { get, list, search, count, board, attachments };
}
const boardOf = async (who: As) => (await who.send('GET', '/api/v1/bulletin/board')).body;
const everywhere = { get: true, list: true, search: true, count: true, board: true, attachments: true };
const nowhere = { get: false, list: false, search: false, count: false, board: false, attachments: false };

before(async () => {
  t = await startTestApp();
  roleIds = Object.fromEntries((await t.api('GET', '/api/v1/admin/roles')).body.data.map((r: { key: string; id: string }) => [r.key, r.id]));
});
after(() => t.close());

test('a team announcement reaches its team (and sub-teams) on every read path, and nobody else on any', async () => {
  const east = await team('East');
  const eastShanghai = await team('East Shanghai', east);
  const west = await team('West');
  const manager = await person('sales_manager', [east]);
  const member = await person('sales_rep', [east]);
  const subMember = await person('sales_rep', [eastShanghai]);
  const outsider = await person('sales_rep', [west]);
  const word = `Quarterlyreview${serial}`;
  const created = await manager.send('POST', '/api/v1/announcements', { title: `${word} 季度复盘`, body: '<p>East only</p>', audience: 'teams', audienceTeamIds: [east] });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  const id = created.body.id as string;
  assert.deepEqual(await pathsSeeing(member, id, word), { ...nowhere }, 'a draft is its author’s alone');

  const published = await manager.send('PATCH', `/api/v1/announcements/${id}`, { status: 'published' });
  assert.equal(published.status, 200);
  assert.ok(published.body.publishedAt, 'publishing stamps the time');
  const file = await t.app.inject({
    method: 'POST',
    url: `/api/v1/announcements/${id}/attachments?filename=${encodeURIComponent('议程.txt')}`,
    headers: { authorization: `Bearer ${t.token}`, 'content-type': 'text/plain' },
    payload: Buffer.from('agenda 议程'),
  });
  assert.equal(file.statusCode, 201, file.body);
  const download = async (who: As) => (await who.send('GET', `/api/v1/attachments/${JSON.parse(file.body).id}`)).status;
  assert.deepEqual(await pathsSeeing(member, id, word), everywhere);
  assert.deepEqual(await pathsSeeing(subMember, id, word), everywhere, 'a sub-team is part of its team');
  assert.deepEqual(await pathsSeeing(outsider, id, word), nowhere);
  assert.equal(await download(member), 200);
  assert.equal(await download(outsider), 404, 'nor its files');
  assert.equal((await outsider.send('POST', `/api/v1/announcements/${id}/read`)).status, 404);
  assert.equal((await member.send('PATCH', `/api/v1/announcements/${id}`, { title: 'mine' })).status, 403, 'readers do not edit');

  const notices = async (who: As) => (await who.send('GET', '/api/v1/notifications')).body.data.filter((n: { kind: string; recordId: string }) => n.kind === 'announcement.published' && n.recordId === id);
  assert.equal((await notices(member)).length, 1, 'the audience is told');
  assert.equal((await notices(outsider)).length, 0);
  assert.equal((await notices(manager)).length, 0, 'not the author');

  await manager.send('PATCH', `/api/v1/announcements/${id}`, { status: 'archived' });
  assert.deepEqual(await pathsSeeing(member, id, word), nowhere, 'archiving withdraws it');
  await manager.send('PATCH', `/api/v1/announcements/${id}`, { status: 'published', audience: 'everyone' });
  assert.deepEqual(await pathsSeeing(outsider, id, word), everywhere, 'widening the audience reaches the others');
  assert.equal((await notices(outsider)).length, 1, 'who it newly reaches is told');
  assert.equal((await notices(member)).length, 2, 'publishing again after archiving tells the audience again');
  await manager.send('PATCH', `/api/v1/announcements/${id}`, { audience: 'teams', audienceTeamIds: [east, west] });
  await manager.send('PATCH', `/api/v1/announcements/${id}`, { audience: 'everyone' });
  assert.equal((await notices(member)).length, 2, 'widening tells only those it did not reach');
});

test('an announcement to everyone reaches a user created after it was published', async () => {
  const manager = await person('sales_manager');
  const word = `Holidaynotice${serial}`;
  const created = await manager.send('POST', '/api/v1/announcements', { title: `${word} 春节放假`, audience: 'everyone', status: 'published' });
  assert.equal(created.status, 201);
  const newcomer = await person('service_agent');
  assert.deepEqual(await pathsSeeing(newcomer, created.body.id, word), everywhere);
});

test('a read is kept once per reader; the author sees exactly who has read and who has not', async () => {
  const north = await team('North');
  const manager = await person('sales_manager', [north]);
  const [first, second, third] = [await person('sales_rep', [north]), await person('sales_rep', [north]), await person('marketing', [north])];
  const other = await person('sales_rep', [await team('South')]);
  const id = (await manager.send('POST', '/api/v1/announcements', { title: '新版报价单模板', audience: 'teams', audienceTeamIds: [north], status: 'published' })).body.id as string;

  const unopened = await boardOf(first);
  assert.equal(unopened.data.find((a: { id: string }) => a.id === id).isRead, false);
  const unreadBefore = (await first.send('GET', '/api/v1/bulletin/unread-count')).body.count;
  assert.equal(unreadBefore, unopened.unreadCount);

  const opened = await first.send('POST', `/api/v1/announcements/${id}/read`);
  assert.equal(opened.status, 200);
  const again = await first.send('POST', `/api/v1/announcements/${id}/read`);
  assert.equal(again.body.readAt, opened.body.readAt, 'the first read stays');
  await third.send('POST', `/api/v1/announcements/${id}/read`);
  await manager.send('POST', `/api/v1/announcements/${id}/read`);
  assert.equal((await boardOf(manager)).data.find((a: { id: string }) => a.id === id).isRead, true, 'authors have read their own');
  assert.equal((await boardOf(first)).data.find((a: { id: string }) => a.id === id).isRead, true);
  assert.equal((await first.send('GET', '/api/v1/bulletin/unread-count')).body.count, unreadBefore - 1);
  const [{ n }] = await t.db.rows<{ n: number }>(sql`select count(*)::int as n from announcement_reads where announcement_id = ${id}::uuid`);
  assert.equal(n, 3, 'one row per reader');

  const receipts = await manager.send('GET', `/api/v1/announcements/${id}/receipts`);
  assert.equal(receipts.status, 200);
  assert.deepEqual(receipts.body.read.map((r: { userId: string }) => r.userId).toSorted(), [first.id, third.id].toSorted());
  assert.deepEqual(receipts.body.notRead.map((r: { userId: string }) => r.userId), [second.id], 'the audience minus readers, author aside');
  assert.equal((await t.api('GET', `/api/v1/announcements/${id}/receipts`)).status, 200, 'administrators see them too');
  assert.equal((await first.send('GET', `/api/v1/announcements/${id}/receipts`)).status, 403, 'readers do not');
  assert.equal((await other.send('GET', `/api/v1/announcements/${id}/receipts`)).status, 404);

  const forged = await first.send('POST', '/api/v1/announcementReads', { announcementId: id, readerId: second.id, readAt: new Date(0).toISOString(), readKey: `${id}:${second.id}` });
  assert.equal(forged.status, 403, 'reads are the system’s');
  const forgedByAdmin = await t.api('POST', '/api/v1/announcementReads', { announcementId: id, readerId: second.id, readAt: new Date(0).toISOString(), readKey: `${id}:${second.id}` });
  assert.equal(forgedByAdmin.status, 400, 'not even by administrators');
});

test('rich text keeps its formatting and loses scripts, handlers, javascript: links, styles, frames and svg', async () => {
  const manager = await person('sales_manager');
  const body = [
    '<h2>通知</h2><p><strong>重要</strong> <em>notice</em> <a href="https://example.com/x" target="_blank">link</a></p><ul><li>一</li></ul>',
    '<script>alert(1)</script><img src=x onerror="alert(2)"><a href="javascript:alert(3)">bad</a>',
    '<p style="color:red" onclick="alert(4)">styled</p><style>p{}</style><iframe src="https://evil.example"></iframe>',
    '<svg onload="alert(5)"><script>alert(6)</script></svg>',
  ].join('');
  const saved = await manager.send('POST', '/api/v1/announcements', { title: 'XSS', body });
  assert.equal(saved.status, 201);
  const stored = saved.body.body as string;
  for (const payload of ['<script', 'onerror', 'javascript:', 'style=', '<style', 'onclick', '<iframe', '<svg', 'onload', 'alert(', '<img']) {
    assert.ok(!stored.includes(payload), `${payload} is stripped: ${stored}`);
  }
  for (const kept of ['<h2>通知</h2>', '<strong>重要</strong>', '<em>notice</em>', '<ul><li>一</li></ul>', 'href="https://example.com/x"', 'rel="noopener noreferrer"', '<p>styled</p>']) {
    assert.ok(stored.includes(kept), `${kept} is kept: ${stored}`);
  }
});

test('the board shows pinned announcements first, then the newest; expired ones are gone', async () => {
  const manager = await person('sales_manager');
  const column = (await t.api('POST', '/api/v1/bulletinColumns', { name: `通知 ${serial}`, nameEn: 'Notices' })).body.id as string;
  const post = async (title: string, extra: object = {}) =>
    (await manager.send('POST', '/api/v1/announcements', { title, columnId: column, audience: 'everyone', status: 'published', ...extra })).body.id as string;
  const oldPinned = await post('old pinned', { isPinned: true });
  const older = await post('older');
  const newer = await post('newer');
  await post('expired', { expiresAt: '2000-01-01T00:00:00Z' });
  const reader = await person('sales_rep');
  const board = (await reader.send('GET', `/api/v1/bulletin/board?columnId=${column}`)).body.data.map((a: { id: string }) => a.id);
  assert.deepEqual(board, [oldPinned, newer, older]);
  assert.equal((await reader.send('GET', '/api/v1/bulletin/board?columnId=nope')).status, 400);
});

test('only managers, directors and administrators publish; columns are set up by directors and administrators', async () => {
  const rep = await person('sales_rep');
  const agent = await person('service_agent');
  const manager = await person('sales_manager');
  assert.equal((await rep.send('POST', '/api/v1/announcements', { title: 'rep post' })).status, 403);
  assert.equal((await agent.send('POST', '/api/v1/announcements', { title: 'agent post', status: 'published' })).status, 403);
  assert.equal((await manager.send('POST', '/api/v1/announcements', { title: 'manager post' })).status, 201);
  assert.equal((await manager.send('POST', '/api/v1/bulletinColumns', { name: '栏目' })).status, 403);
  const teamless = await manager.send('POST', '/api/v1/announcements', { title: 'no teams', audience: 'teams' });
  assert.equal(teamless.status, 400);
  assert.equal(teamless.body.errors[0].field, 'audienceTeamIds');
  const unknown = await manager.send('POST', '/api/v1/announcements', { title: 'ghost team', audience: 'teams', audienceTeamIds: ['00000000-0000-4000-8000-000000000001'] });
  assert.equal(unknown.status, 400);
  assert.equal(unknown.body.errors[0].code, 'not_found');
});

test('field security holds on the board: a hidden field is left out, the board still works', async () => {
  const role = await t.api('POST', '/api/v1/admin/roles', {
    key: `bulletin_hidden_${++serial}`,
    name: { en: 'Hidden audience', 'zh-CN': '隐藏范围' },
    permissions: { objects: { '*': ['read'] }, fields: { announcements: { audienceTeamIds: 'hidden', expiresAt: 'hidden' } } },
  });
  assert.equal(role.status, 201, JSON.stringify(role.body));
  roleIds[`hidden${serial}`] = role.body.id;
  const reader = await person(`hidden${serial}`);
  const manager = await person('sales_manager');
  const id = (await manager.send('POST', '/api/v1/announcements', { title: 'Field security', audience: 'everyone', status: 'published', expiresAt: '2999-01-01T00:00:00Z' })).body.id as string;
  const board = await reader.send('GET', '/api/v1/bulletin/board');
  assert.equal(board.status, 200);
  const item = board.body.data.find((a: { id: string }) => a.id === id);
  assert.ok(item);
  assert.ok(!('expiresAt' in item) && !('audienceTeamIds' in item), 'hidden fields stay hidden');
  assert.ok(!('body' in item), 'the board carries no text');
  const read = await reader.send('GET', `/api/v1/announcements/${id}`);
  assert.ok(!('expiresAt' in read.body));
});

test('two opens at once keep one read; e-mail goes out only for announcements sent by e-mail', async () => {
  const manager = await person('sales_manager');
  const reader = await person('sales_rep');
  const quiet = (await manager.send('POST', '/api/v1/announcements', { title: 'In-app only', audience: 'everyone', status: 'published' })).body.id as string;
  const mailed = (await manager.send('POST', '/api/v1/announcements', { title: 'By e-mail too', audience: 'everyone', status: 'published', isEmailed: true })).body.id as string;
  const mailStatus = async (id: string) =>
    (await t.db.rows<{ email_status: string | null }>(sql`select email_status from notifications where record_id = ${id}::uuid and user_id = ${reader.id}::uuid`)).map((r) => r.email_status);
  assert.deepEqual(await mailStatus(quiet), [null]);
  assert.deepEqual(await mailStatus(mailed), ['pending']);

  const opens = await Promise.all([1, 2, 3].map(() => reader.send('POST', `/api/v1/announcements/${quiet}/read`)));
  assert.deepEqual(opens.map((o) => o.status), [200, 200, 200]);
  assert.equal(new Set(opens.map((o) => o.body.readAt)).size, 1, 'every open answers with the one read');
  const [{ n }] = await t.db.rows<{ n: number }>(sql`select count(*)::int as n from announcement_reads where announcement_id = ${quiet}::uuid and reader_id = ${reader.id}::uuid`);
  assert.equal(n, 1);
});

test('a default role from before the bulletin board gets its bulletin permissions at start; a role set by hand is kept', async () => {
  const stored = async (key: string) => (await t.db.rows<{ permissions: { objects: Record<string, string[]> } }>(sql`select permissions from roles where key = ${key}`))[0]!.permissions;
  const rep = await stored('sales_rep');
  const { announcements: _a, bulletinColumns: _c, announcementReads: _r, ...older } = rep.objects;
  await t.db.rows(sql`update roles set permissions = ${JSON.stringify({ ...rep, objects: older })}::jsonb where key = 'sales_rep'`);
  const manager = await stored('sales_manager');
  await t.db.rows(sql`update roles set permissions = ${JSON.stringify({ ...manager, objects: { ...manager.objects, announcements: [] } })}::jsonb where key = 'sales_manager'`);
  await ensureBulletinPermissions(systemCaller({ db: t.db, registry: t.registry }, t.adminId));
  assert.deepEqual((await stored('sales_rep')).objects.announcements, ['read']);
  assert.deepEqual((await stored('sales_manager')).objects.announcements, [], 'an administrator’s choice stays');
  // Back as they were, for the tests after this one.
  await t.db.rows(sql`update roles set permissions = ${JSON.stringify(manager)}::jsonb where key = 'sales_manager'`);
});

test('a read announcement can be deleted and purged; its reads lose their link', async () => {
  const manager = await person('sales_manager');
  const reader = await person('sales_rep');
  const id = (await manager.send('POST', '/api/v1/announcements', { title: 'Short-lived', audience: 'everyone', status: 'published' })).body.id as string;
  await reader.send('POST', `/api/v1/announcements/${id}/read`);
  assert.equal((await manager.send('DELETE', `/api/v1/announcements/${id}`)).status, 204);
  assert.equal((await reader.send('GET', '/api/v1/bulletin/board')).body.data.some((a: { id: string }) => a.id === id), false);
  await purgeDeletedRecords(t.db, t.registry, new Date(Date.now() + 366 * 86_400_000));
  const rows = await t.db.rows<{ announcement_id: string | null }>(sql`select announcement_id from announcement_reads where read_key = ${`${id}:${reader.id}`}`);
  assert.deepEqual(rows.map((r) => r.announcement_id), [null]);
});
