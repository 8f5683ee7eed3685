// What the leads tests share: reps in teams, each with an API key, and requests as them.
import type { TestContext } from '../../testing.ts';
import { createApiKey } from '../../platform/auth/api-keys.ts';

export interface Rep {
  id: string;
  token: string;
}

/** Creates a team (returns its id). */
export async function createTeam(t: TestContext, name: string): Promise<string> {
  const team = await t.api('POST', '/api/v1/admin/teams', { name });
  if (team.status !== 201) throw new Error(`team: ${JSON.stringify(team.body)}`);
  return team.body.id as string;
}

/** Creates a user with a role (sales rep by default) in the given teams, with an API key. */
export async function createRep(t: TestContext, name: string, teamIds: string[], roleKey = 'sales_rep'): Promise<Rep> {
  const roles = (await t.api('GET', '/api/v1/admin/roles')).body.data as Array<{ key: string; id: string }>;
  const roleId = roles.find((r) => r.key === roleKey)!.id;
  const user = await t.api('POST', '/api/v1/admin/users', { email: `${name.toLowerCase()}@example.com`, name, roleId, teamIds });
  if (user.status !== 201) throw new Error(`user: ${JSON.stringify(user.body)}`);
  return { id: user.body.id as string, token: (await createApiKey(t.db, user.body.id, name)).token };
}

/** A request as a given user's key; the parsed JSON reply. */
export async function as(t: TestContext, rep: Rep, method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, body?: unknown, headers: Record<string, string> = {}) {
  const response = await t.app.inject({ method, url, headers: { authorization: `Bearer ${rep.token}`, ...headers }, ...(body !== undefined ? { payload: body as object } : {}) });
  return { status: response.statusCode, headers: response.headers, body: response.body ? JSON.parse(response.body) : null };
}
