// The administration lists page like every other list: limit + cursor in, { data, nextCursor } out,
// each row once and in order (equal names included); the audit log narrows by action, actor and time.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestContext } from '../testing.ts';

let t: TestContext;
before(async () => {
  t = await startTestApp();
});
after(() => t.close());

/** Walks every page of a list and returns the rows in order. */
async function walk(url: string, limit: number): Promise<any[]> {
  const rows: any[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < 50; page++) {
    const separator = url.includes('?') ? '&' : '?';
    const r = await t.api('GET', `${url}${separator}limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.ok(r.body.data.length <= limit);
    rows.push(...r.body.data);
    cursor = r.body.nextCursor;
    if (!cursor) return rows;
  }
  throw new Error('too many pages');
}

test('an empty list is an empty page, not an error (a new install has no teams)', async () => {
  const r = await t.api('GET', '/api/v1/admin/teams?limit=500');
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.deepEqual(r.body, { data: [], nextCursor: null });
  assert.deepEqual((await t.api('GET', '/api/v1/admin/users?q=nobody-has-this-name')).body, { data: [], nextCursor: null });
});

test('teams, users, roles and sharing rules: every row once, in order, whatever the page size', async () => {
  for (const name of ['华东区', '华北区', '华东区', '华南区', '西部', 'East', '华东区']) {
    assert.equal((await t.api('POST', '/api/v1/admin/teams', { name })).status, 201);
  }
  const all = (await walk('/api/v1/admin/teams', 500)).map((team) => team.id);
  assert.equal(all.length, 7);
  for (const size of [1, 2, 3]) assert.deepEqual((await walk('/api/v1/admin/teams', size)).map((team) => team.id), all, `pages of ${size}`);
  const names = (await walk('/api/v1/admin/teams', 2)).map((team) => team.name);
  assert.deepEqual(names.filter((n) => n === '华东区').length, 3, 'equal names are neither repeated nor skipped');
  assert.deepEqual(await walk('/api/v1/admin/sharing-rules', 1), await walk('/api/v1/admin/sharing-rules', 500));

  const roles = (await walk('/api/v1/admin/roles', 500)).map((role) => role.id);
  assert.deepEqual((await walk('/api/v1/admin/roles', 2)).map((role) => role.id), roles);

  for (const name of ['张伟', '张伟', '李娜']) {
    const roleId = (await t.api('GET', '/api/v1/admin/roles')).body.data[0].id;
    await t.api('POST', '/api/v1/admin/users', { email: `${Math.random().toString(36).slice(2)}@example.com`, name, roleId });
  }
  const users = (await walk('/api/v1/admin/users', 500)).map((u) => u.id);
  assert.deepEqual((await walk('/api/v1/admin/users', 1)).map((u) => u.id), users);
  assert.equal((await walk(`/api/v1/admin/users?q=${encodeURIComponent('张')}`, 1)).length, 2);
});

test('bad paging is a 400 naming the parameter', async () => {
  for (const [url, field] of [
    ['/api/v1/admin/teams?limit=0', 'limit'],
    ['/api/v1/admin/teams?limit=501', 'limit'],
    ['/api/v1/admin/teams?cursor=not-a-cursor', 'cursor'],
    ['/api/v1/admin/audit?actorId=nope', 'actorId'],
    ['/api/v1/admin/audit?from=yesterday', 'from'],
  ]) {
    const r = await t.api('GET', url!);
    assert.equal(r.status, 400, url);
    assert.ok(JSON.stringify(r.body.errors).includes(field!), `${url}: ${JSON.stringify(r.body)}`);
  }
  // A cursor of one list is not accepted by another with a different order.
  await t.api('POST', '/api/v1/admin/teams', { name: 'Cursor 一' });
  await t.api('POST', '/api/v1/admin/teams', { name: 'Cursor 二' });
  const teamsCursor = (await t.api('GET', '/api/v1/admin/teams?limit=1')).body.nextCursor;
  assert.equal((await t.api('GET', `/api/v1/admin/roles?cursor=${teamsCursor}`)).status, 400);
});

test('the audit log pages newest first and narrows by action, actor and time', async () => {
  const start = new Date().toISOString();
  for (const name of ['审计一', '审计二', '审计三']) await t.api('POST', '/api/v1/admin/teams', { name });
  const created = await walk(`/api/v1/admin/audit?action=team.create&from=${encodeURIComponent(start)}`, 2);
  assert.deepEqual(created.map((e) => e.details?.name ?? e.target).length, 3);
  assert.ok(created.every((e) => e.action === 'team.create' && e.actorId === t.adminId));
  assert.ok(created[0].at >= created[2].at, 'newest first');
  const everything = await walk('/api/v1/admin/audit', 500);
  assert.deepEqual((await walk('/api/v1/admin/audit', 3)).map((e) => e.id), everything.map((e) => e.id));
  assert.equal((await walk(`/api/v1/admin/audit?action=team.*&to=${encodeURIComponent(start)}`, 50)).some((e) => e.details?.name === '审计一'), false);
  assert.equal((await walk(`/api/v1/admin/audit?actorId=${'00000000-0000-7000-8000-000000000000'}`, 50)).length, 0);
});
