// The authorization matrix: every default role × object × record scope × action, through the real
// HTTP API, checked against an oracle written from the documented model (docs/access-control.md),
// not from the implementation. A denied write must leave the record and its history untouched.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { startTestApp, type TestContext } from '../testing.ts';
import { createApiKey } from '../platform/auth/api-keys.ts';
import { defaultRoles, roleAllows, type ObjectAction, type RolePermissions } from '../platform/access/permissions.ts';

const objects = ['accounts', 'contacts', 'leads', 'opportunities', 'activities', 'products'] as const;
const scopes = ['own', 'subordinate', 'teammate', 'otherTeam', 'sharedWithMe', 'sharedWithMyTeam'] as const;
type Scope = (typeof scopes)[number];
const orgDefaults: Record<string, string> = { products: 'publicRead' };
const minimalBody: Record<string, Record<string, unknown>> = {
  accounts: { name: 'Matrix 客户' },
  contacts: { name: 'Matrix 联系人' },
  leads: { name: 'Matrix 线索' },
  opportunities: { name: 'Matrix 商机', stage: 'interest' },
  activities: { type: 'call', subject: 'Matrix 电话' },
  products: { name: 'Matrix 产品' },
};

// --- The oracle: the access model in a dozen lines, from the documentation. ---
function may(role: RolePermissions, object: string, action: ObjectAction) {
  return roleAllows(role, object, action);
}
function canSee(role: RolePermissions, object: string, scope: Scope) {
  if (role.isAdmin || may(role, object, 'readAll') || may(role, object, 'editAll')) return true;
  if (orgDefaults[object] === 'publicRead') return true;
  return scope === 'own' || scope === 'subordinate' || scope === 'sharedWithMe' || scope === 'sharedWithMyTeam';
}
function canChange(role: RolePermissions, object: string, scope: Scope) {
  if (role.isAdmin || may(role, object, 'editAll')) return true;
  return scope === 'own' || scope === 'subordinate' || scope === 'sharedWithMyTeam'; // the team share grants edit
}
/** Expected status of reading one record. */
function expectRead(role: RolePermissions, object: string, scope: Scope) {
  if (!may(role, object, 'read')) return 403;
  return canSee(role, object, scope) ? 200 : 404;
}
/** Expected status of a write needing `action` on one record. */
function expectWrite(role: RolePermissions, object: string, scope: Scope, action: ObjectAction, success: number) {
  if (!may(role, object, action)) return 403;
  if (!canSee(role, object, scope)) return 404;
  return canChange(role, object, scope) ? success : 403;
}

interface Actor {
  role: (typeof defaultRoles)[number];
  userId: string;
  token: string;
  records: Map<string, string>; // `${object}/${scope}` → id
}

let t: TestContext;
const actors: Actor[] = [];
let cases = 0;
const failures: string[] = [];

async function as(actor: Actor, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, body?: unknown) {
  const response = await t.app.inject({
    method,
    url,
    headers: { authorization: `Bearer ${actor.token}` },
    ...(body === undefined ? {} : { payload: body as object }),
  });
  return { status: response.statusCode, body: response.body ? JSON.parse(response.body) : null };
}

const expectedOutcomes = new Map<number, number>();
function check(label: string, actual: number, expected: number) {
  cases++;
  expectedOutcomes.set(expected, (expectedOutcomes.get(expected) ?? 0) + 1);
  if (actual !== expected) failures.push(`${label}: expected ${expected}, got ${actual}`);
}

async function fingerprint(object: string, id: string) {
  const [row] = await t.db.rows<{ version: number; deleted: boolean; changes: number }>(sql`
    select r.version, r.deleted_at is not null as deleted,
      (select count(*)::int from record_changes c where c.record_id = r.id) as changes
    from ${sql.identifier(object)} r where r.id = ${id}::uuid`);
  return JSON.stringify(row);
}

before(async () => {
  t = await startTestApp();
  const roles = (await t.api('GET', '/api/v1/admin/roles')).body.data as Array<{ id: string; key: string }>;
  const roleId = (key: string) => roles.find((r) => r.key === key)!.id;
  const team = async (name: string, parentId?: string) => (await t.api('POST', '/api/v1/admin/teams', { name, parentId })).body.id as string;
  const sales = await team('Sales 销售部');
  const east = await team('East 华东', sales);
  const service = await team('Service 客服部');
  const user = async (email: string, role: string, teamId: string, managerId?: string) => {
    const r = await t.api('POST', '/api/v1/admin/users', { email, name: email.split('@')[0], roleId: roleId(role), teamIds: [teamId], primaryTeamId: teamId, managerId });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    return r.body.id as string;
  };
  const outsider = await user('outsider@example.com', 'sales_rep', service);

  for (const role of defaultRoles) {
    const userId = await user(`${role.key}@example.com`, role.key, east);
    const subordinate = await user(`${role.key}.sub@example.com`, 'sales_rep', east, userId);
    const teammate = await user(`${role.key}.peer@example.com`, 'sales_rep', east);
    const { token } = await createApiKey(t.db, userId, 'matrix');
    const actor: Actor = { role, userId, token, records: new Map() };
    for (const object of objects) {
      for (const scope of scopes) {
        const owner = { own: userId, subordinate, teammate, otherTeam: outsider, sharedWithMe: outsider, sharedWithMyTeam: outsider }[scope];
        const created = await t.api('POST', `/api/v1/${object}`, { ...minimalBody[object], ownerId: owner });
        assert.equal(created.status, 201, JSON.stringify(created.body));
        const id = created.body.id as string;
        if (scope === 'sharedWithMe') await t.api('POST', `/api/v1/${object}/${id}/shares`, { principalType: 'user', principalId: userId, access: 'read' });
        // Shared with the parent team: reaching members of its sub-teams is part of the model.
        if (scope === 'sharedWithMyTeam') await t.api('POST', `/api/v1/${object}/${id}/shares`, { principalType: 'team', principalId: sales, access: 'edit' });
        actor.records.set(`${object}/${scope}`, id);
      }
    }
    actors.push(actor);
  }
  await t.api('PUT', '/api/v1/admin/objects/products/access', { default: 'publicRead' });
});

after(async () => {
  await t?.close();
});

test('reads: get, list, count, filter and search show exactly what the model allows', async () => {
  for (const actor of actors) {
    const role = actor.role.permissions;
    for (const object of objects) {
      const list = await as(actor, 'GET', `/api/v1/${object}?limit=500&count=true&fields=id`);
      const listed = new Set<string>((list.body?.data ?? []).map((r: { id: string }) => r.id));
      for (const scope of scopes) {
        const id = actor.records.get(`${object}/${scope}`)!;
        const label = `${actor.role.key} ${object} ${scope}`;
        const expected = expectRead(role, object, scope);
        check(`${label} GET`, (await as(actor, 'GET', `/api/v1/${object}/${id}`)).status, expected);
        check(`${label} history`, (await as(actor, 'GET', `/api/v1/${object}/${id}/history`)).status, expected);
        check(`${label} timeline`, (await as(actor, 'GET', `/api/v1/${object}/${id}/timeline`)).status, expected);
        if (expected === 403) {
          check(`${label} list`, list.status, 403);
          continue;
        }
        check(`${label} listed`, listed.has(id) ? 200 : 404, expected);
        const filtered = await as(actor, 'GET', `/api/v1/${object}?filter=${encodeURIComponent(`id eq '${id}'`)}&count=true`);
        check(`${label} filter+count`, filtered.body.total === 1 ? 200 : 404, expected);
      }
      // The count runs the same access condition as the page.
      if (list.status === 200) check(`${actor.role.key} ${object} total`, list.body.total, list.body.data.length);
    }
  }
  assert.deepEqual(failures, [], `${failures.length} of ${cases} cases failed`);
});

test('writes: create, update, delete and restore succeed or fail as the model says, and a denied write leaves no trace', async () => {
  for (const actor of actors) {
    const role = actor.role.permissions;
    for (const object of objects) {
      const create = await as(actor, 'POST', `/api/v1/${object}`, minimalBody[object]);
      check(`${actor.role.key} ${object} create`, create.status, may(role, object, 'create') ? 201 : 403);
      for (const scope of scopes) {
        const id = actor.records.get(`${object}/${scope}`)!;
        const label = `${actor.role.key} ${object} ${scope}`;
        const beforePatch = await fingerprint(object, id);
        const patch = await as(actor, 'PATCH', `/api/v1/${object}/${id}`, { [object === 'activities' ? 'subject' : 'name']: `changed by ${actor.role.key}` });
        const patchExpected = expectWrite(role, object, scope, 'edit', 200);
        check(`${label} PATCH`, patch.status, patchExpected);
        if (patchExpected !== 200) check(`${label} PATCH leaves no trace`, (await fingerprint(object, id)) === beforePatch ? 1 : 0, 1);

        const beforeDelete = await fingerprint(object, id);
        const deletion = await as(actor, 'DELETE', `/api/v1/${object}/${id}`);
        const deleteExpected = expectWrite(role, object, scope, 'delete', 204);
        check(`${label} DELETE`, deletion.status, deleteExpected);
        if (deleteExpected !== 204) {
          check(`${label} DELETE leaves no trace`, (await fingerprint(object, id)) === beforeDelete ? 1 : 0, 1);
        } else {
          const restore = await as(actor, 'POST', `/api/v1/${object}/${id}/restore`);
          check(`${label} restore`, restore.status, may(role, object, 'restore') ? 200 : 403);
        }
      }
    }
  }
  assert.deepEqual(failures, [], `${failures.length} of ${cases} cases failed`);
  assert.ok(cases > 2000, `the matrix ran ${cases} cases`);
  // Guard against a vacuous oracle: allows and both kinds of denial must each occur often.
  for (const status of [200, 204, 403, 404]) assert.ok((expectedOutcomes.get(status) ?? 0) > 50, `few ${status} cases: ${[...expectedOutcomes]}`);
});

test('changing a role takes effect on the next request', async () => {
  const rep = actors.find((a) => a.role.key === 'sales_rep')!;
  const id = rep.records.get('accounts/otherTeam')!;
  assert.equal((await as(rep, 'GET', `/api/v1/accounts/${id}`)).status, 404);
  const roles = (await t.api('GET', '/api/v1/admin/roles')).body.data as Array<{ id: string; key: string }>;
  const director = roles.find((r) => r.key === 'sales_director')!.id;
  await t.api('PATCH', `/api/v1/admin/users/${rep.userId}`, { roleId: director });
  assert.equal((await as(rep, 'GET', `/api/v1/accounts/${id}`)).status, 200);
  const repRole = roles.find((r) => r.key === 'sales_rep')!.id;
  await t.api('PATCH', `/api/v1/admin/users/${rep.userId}`, { roleId: repRole });
  assert.equal((await as(rep, 'GET', `/api/v1/accounts/${id}`)).status, 404);
});
