// Saved views and the navigation over HTTP: who sees which view, what a view may hold, and the menu
// an administrator arranges for everyone.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestContext } from '../testing.ts';
import { createApiKey } from '../platform/auth/api-keys.ts';

let t: TestContext;
let roleIds: Record<string, string>;
let east: string;
let north: string;
let sales: string;

type Person = { id: string; token: string };

async function as(who: Person, method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, body?: unknown) {
  const r = await t.app.inject({ method, url, headers: { authorization: `Bearer ${who.token}` }, ...(body === undefined ? {} : { payload: body as object }) });
  return { status: r.statusCode, body: r.body ? JSON.parse(r.body) : null };
}

async function person(handle: string, role: string, teamIds: string[]): Promise<Person> {
  const user = await t.api('POST', '/api/v1/admin/users', { email: `${handle}@example.com`, name: handle, roleId: roleIds[role], teamIds });
  assert.equal(user.status, 201, JSON.stringify(user.body));
  return { id: user.body.id, token: (await createApiKey(t.db, user.body.id, handle)).token };
}

let wang: Person;
let chen: Person;
let zhao: Person;
let admin: Person;

before(async () => {
  t = await startTestApp();
  roleIds = Object.fromEntries((await t.api('GET', '/api/v1/admin/roles')).body.data.map((r: { key: string; id: string }) => [r.key, r.id]));
  sales = (await t.api('POST', '/api/v1/admin/teams', { name: '销售部' })).body.id;
  east = (await t.api('POST', '/api/v1/admin/teams', { name: '华东区', parentId: sales })).body.id;
  north = (await t.api('POST', '/api/v1/admin/teams', { name: '华北区', parentId: sales })).body.id;
  wang = await person('wang', 'sales_rep', [east]);
  chen = await person('chen', 'sales_rep', [east]);
  zhao = await person('zhao', 'sales_rep', [north]);
  admin = { id: t.adminId, token: t.token };
});
after(() => t.close());

const shanghaiView = { objectName: 'accounts', name: '上海客户', settings: { kind: 'list', filter: "city eq '上海'", sort: '-createdAt', columns: ['name', 'city', 'rating'] } };

test('a private view is its owner’s alone; a team view reaches the team; everyone’s reaches all', async () => {
  const mine = await as(wang, 'POST', '/api/v1/views', shanghaiView);
  assert.equal(mine.status, 201, JSON.stringify(mine.body));
  assert.equal(mine.body.visibility, 'private');
  assert.equal(mine.body.canEdit, true);
  assert.deepEqual(mine.body.settings, shanghaiView.settings);

  const team = await as(wang, 'POST', '/api/v1/views', { ...shanghaiView, name: '华东 A 级', visibility: 'team', teamId: east });
  assert.equal(team.status, 201, JSON.stringify(team.body));
  const all = await as(admin, 'POST', '/api/v1/views', { ...shanghaiView, name: 'All hot', visibility: 'everyone' });
  assert.equal(all.status, 201);

  const names = async (who: Person) => (await as(who, 'GET', '/api/v1/views?object=accounts')).body.data.map((v: { name: string }) => v.name);
  const wangSees = await names(wang);
  assert.deepEqual(wangSees.slice(0, 2).toSorted(), ['上海客户', '华东 A 级'].toSorted(), 'own views first');
  assert.equal(wangSees[2], 'All hot');
  assert.deepEqual((await names(chen)).toSorted(), ['All hot', '华东 A 级'].toSorted());
  assert.deepEqual(await names(zhao), ['All hot']);

  // Invisible views answer 404 whatever the method; others' visible views are read-only.
  assert.equal((await as(chen, 'GET', `/api/v1/views/${mine.body.id}`)).status, 404);
  assert.equal((await as(chen, 'PATCH', `/api/v1/views/${mine.body.id}`, { name: 'x' })).status, 404);
  assert.equal((await as(chen, 'DELETE', `/api/v1/views/${mine.body.id}`)).status, 404);
  const shared = await as(chen, 'GET', `/api/v1/views/${team.body.id}`);
  assert.equal(shared.body.canEdit, false);
  assert.equal((await as(chen, 'PATCH', `/api/v1/views/${team.body.id}`, { name: 'mine now' })).status, 403);
  assert.equal((await as(chen, 'DELETE', `/api/v1/views/${team.body.id}`)).status, 403);
});

test('a view shared with a department reaches its sub-teams', async () => {
  const dept = await as(admin, 'POST', '/api/v1/views', { ...shanghaiView, name: '销售部视图', visibility: 'team', teamId: sales });
  assert.equal(dept.status, 201);
  for (const who of [wang, zhao]) {
    assert.ok((await as(who, 'GET', '/api/v1/views?object=accounts')).body.data.some((v: { id: string }) => v.id === dept.body.id));
  }
});

test('sharing is limited: own teams only, everyone by an administrator', async () => {
  const other = await as(wang, 'POST', '/api/v1/views', { ...shanghaiView, visibility: 'team', teamId: north });
  assert.equal(other.status, 400);
  assert.equal(other.body.errors[0].field, 'teamId');
  assert.equal((await as(wang, 'POST', '/api/v1/views', { ...shanghaiView, visibility: 'team' })).status, 400);
  assert.equal((await as(wang, 'POST', '/api/v1/views', { ...shanghaiView, visibility: 'everyone' })).status, 403);
});

test('the teams to share a view with: a rep sees their own team and its parents, an administrator every team', async () => {
  const teamsOf = async (who: Person) => (await as(who, 'GET', '/api/v1/views/teams')).body.data.map((team: { id: string }) => team.id).toSorted();
  assert.deepEqual(await teamsOf(wang), [east, sales].toSorted());
  assert.deepEqual(await teamsOf(zhao), [north, sales].toSorted());
  const all = await teamsOf(admin);
  for (const id of [east, north, sales]) assert.ok(all.includes(id));
  const shared = await as(wang, 'POST', '/api/v1/views', { ...shanghaiView, name: '销售部共享', visibility: 'team', teamId: sales });
  assert.equal(shared.status, 201, JSON.stringify(shared.body));
});

test('filters, sorts, columns and board fields are checked against the object', async () => {
  const cases: Array<[object, string]> = [
    [{ ...shanghaiView, settings: { kind: 'list', filter: "nosuch eq 'x'" } }, 'filter'],
    [{ ...shanghaiView, settings: { kind: 'list', filter: "city eq '上海" } }, 'filter'],
    [{ ...shanghaiView, settings: { kind: 'list', sort: 'nosuch' } }, 'sort'],
    [{ ...shanghaiView, settings: { kind: 'list', columns: ['name', 'nosuch'] } }, 'settings.columns.1'],
    [{ ...shanghaiView, settings: { kind: 'board', groupBy: 'name' } }, 'settings.groupBy'],
    [{ ...shanghaiView, objectName: 'nosuch' }, 'objectName'],
  ];
  for (const [body, field] of cases) {
    const r = await as(wang, 'POST', '/api/v1/views', body);
    assert.equal(r.status, 400, JSON.stringify(r.body));
    assert.equal(r.body.errors[0].field, field, JSON.stringify(r.body));
  }
  for (const body of [{ ...shanghaiView, name: '  ' }, { ...shanghaiView, extra: 1 }, { ...shanghaiView, settings: { kind: 'grid' } }]) {
    assert.equal((await as(wang, 'POST', '/api/v1/views', body)).status, 400, JSON.stringify(body));
  }
  const board = await as(wang, 'POST', '/api/v1/views', { objectName: 'opportunities', name: '按阶段', settings: { kind: 'board', groupBy: 'stage', filter: "stage ne 'lost'" } });
  assert.equal(board.status, 201, JSON.stringify(board.body));
});

test('a view of an object the role may not read is neither listed nor created', async () => {
  const role = await t.api('POST', '/api/v1/admin/roles', { key: 'contacts_only', name: { en: 'c', 'zh-CN': 'c' }, permissions: { objects: { contacts: ['read'] } } });
  const user = await t.api('POST', '/api/v1/admin/users', { email: 'c@example.com', name: 'c', roleId: role.body.id });
  const limited = { id: user.body.id, token: (await createApiKey(t.db, user.body.id, 'c')).token };
  assert.deepEqual((await as(limited, 'GET', '/api/v1/views?object=accounts')).body.data, []);
  assert.equal((await as(limited, 'POST', '/api/v1/views', shanghaiView)).status, 400);
});

test('owners rename and re-share their views; deleting removes them', async () => {
  const view = (await as(chen, 'POST', '/api/v1/views', shanghaiView)).body;
  const renamed = await as(chen, 'PATCH', `/api/v1/views/${view.id}`, { name: '上海重点', visibility: 'team', teamId: east });
  assert.equal(renamed.status, 200, JSON.stringify(renamed.body));
  assert.equal(renamed.body.name, '上海重点');
  assert.ok((await as(wang, 'GET', '/api/v1/views?object=accounts')).body.data.some((v: { id: string }) => v.id === view.id));
  assert.equal((await as(chen, 'DELETE', `/api/v1/views/${view.id}`)).status, 204);
  assert.equal((await as(chen, 'GET', `/api/v1/views/${view.id}`)).status, 404);
});

test('the navigation follows the administrator’s order and hides what a role may not read', async () => {
  const initial = await as(wang, 'GET', '/api/v1/navigation');
  assert.equal(initial.status, 200);
  assert.deepEqual(initial.body.data.slice(0, 2).map((i: { object: string }) => i.object), ['accounts', 'contacts']);
  assert.ok(!initial.body.data.some((i: { object: string }) => i.object === 'users'));
  assert.equal((await as(wang, 'PUT', '/api/v1/admin/navigation', { items: [] })).status, 403);

  const set = await as(admin, 'PUT', '/api/v1/admin/navigation', {
    items: [{ object: 'opportunities', isHidden: false }, { object: 'accounts', isHidden: false }, { object: 'leads', isHidden: true }],
  });
  assert.equal(set.status, 200, JSON.stringify(set.body));
  const menu = (await as(wang, 'GET', '/api/v1/navigation')).body.data.map((i: { object: string }) => i.object);
  assert.deepEqual(menu.slice(0, 2), ['opportunities', 'accounts']);
  assert.ok(!menu.includes('leads'));
  const entry = (await as(wang, 'GET', '/api/v1/navigation')).body.data[0];
  assert.deepEqual(entry.labelPlural, { en: 'Opportunities', 'zh-CN': '商机' });
  const audit = await t.api('GET', '/api/v1/admin/audit');
  assert.ok(audit.body.data.some((e: { action: string }) => e.action === 'navigation.update'));

  for (const items of [[{ object: 'nosuch', isHidden: false }], [{ object: 'accounts', isHidden: false }, { object: 'accounts', isHidden: true }]]) {
    assert.equal((await as(admin, 'PUT', '/api/v1/admin/navigation', { items })).status, 400);
  }
});

test('any signed-in user finds teams by name to share with; the query is validated', async () => {
  const found = await as(zhao, 'GET', `/api/v1/teams?q=${encodeURIComponent('华')}`);
  assert.equal(found.status, 200);
  assert.deepEqual(found.body.data.map((team: { name: string }) => team.name), ['华东区', '华北区']);
  assert.equal(found.body.data[0].parentId, sales);
  assert.equal((await as(zhao, 'GET', '/api/v1/teams?q=%25')).body.data.length, 0, 'a % is a character, not a wildcard');
  assert.equal((await as(zhao, 'GET', '/api/v1/teams?limit=1')).body.data.length, 1);
  assert.equal((await as(zhao, 'GET', '/api/v1/teams?limit=0')).status, 400);
  assert.equal((await t.app.inject({ method: 'GET', url: '/api/v1/teams' })).statusCode, 401);
});

test('the names of the teams a record holds ids of, however many teams there are', async () => {
  const named = await as(zhao, 'GET', `/api/v1/teams?ids=${north},not-an-id,${sales}`);
  assert.equal(named.status, 200);
  assert.deepEqual(named.body.data.map((team: { id: string }) => team.id).toSorted(), [north, sales].toSorted());
  assert.deepEqual((await as(zhao, 'GET', '/api/v1/teams?ids=nothing')).body.data, []);
});

test('a record’s shares name the user or team they are with', async () => {
  const account = await as(wang, 'POST', '/api/v1/accounts', { name: '共享名单客户' });
  assert.equal((await as(wang, 'POST', `/api/v1/accounts/${account.body.id}/shares`, { principalType: 'team', principalId: north, access: 'read' })).status, 201);
  assert.equal((await as(wang, 'POST', `/api/v1/accounts/${account.body.id}/shares`, { principalType: 'user', principalId: chen.id, access: 'edit' })).status, 201);
  const shares = await as(wang, 'GET', `/api/v1/accounts/${account.body.id}/shares`);
  assert.deepEqual(
    shares.body.data.map((s: { principalType: string; principalName: string; access: string }) => [s.principalType, s.principalName, s.access]),
    [['team', '华北区', 'read'], ['user', 'chen', 'edit']],
  );
});
