// Test support of the receivables module: a small sales organisation (a manager with two reps, a rep
// of another team) with API keys, and GET requests made as them.
import assert from 'node:assert/strict';
import { createApiKey } from '../../../platform/auth/api-keys.ts';
import type { TestContext } from '../../../testing.ts';

export type People = Record<'manager' | 'rep1' | 'rep2' | 'outsider', { id: string; token: string }>;

/** Creates the people of a test, with e-mail addresses unique to `prefix`. */
export async function salesTeam(t: TestContext, prefix: string): Promise<People> {
  const roles = (await t.api('GET', '/api/v1/admin/roles')).body.data as Array<{ key: string; id: string }>;
  const roleId = (key: string) => roles.find((r) => r.key === key)!.id;
  const people: Partial<People> = {};
  const person = async (name: keyof People, role: string, managerId?: string) => {
    const user = await t.api('POST', '/api/v1/admin/users', { email: `${prefix}-${name}@example.com`, name: `${prefix} ${name}`, roleId: roleId(role), ...(managerId ? { managerId } : {}) });
    assert.equal(user.status, 201, JSON.stringify(user.body));
    people[name] = { id: user.body.id, token: (await createApiKey(t.db, user.body.id, name)).token };
  };
  await person('manager', 'sales_manager');
  await person('rep1', 'sales_rep', people.manager!.id);
  await person('rep2', 'sales_rep', people.manager!.id);
  await person('outsider', 'sales_rep');
  return people as People;
}

/** Sends a request as a person (or as the administrator with `null`) and parses the reply. */
export async function requestAs(t: TestContext, token: string | null, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, body?: unknown) {
  if (token === null) return t.api(method, url, body);
  const r = await t.app.inject({ method, url, headers: { authorization: `Bearer ${token}` }, ...(body === undefined ? {} : { payload: body as object }) });
  return { status: r.statusCode, body: r.body ? JSON.parse(r.body) : null };
}
