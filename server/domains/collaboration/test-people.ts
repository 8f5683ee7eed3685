// Test support of the collaboration module: sales reps with API keys, and requests made as them.
import { createApiKey } from '../../platform/auth/api-keys.ts';
import { ensureUser } from '../../platform/auth/users.ts';
import type { TestContext } from '../../testing.ts';

export interface Person {
  id: string;
  token: string;
}

/** A sales rep with an API key. */
export async function salesRep(t: TestContext, handle: string, name: string, locale: 'en' | 'zh-CN' = 'en'): Promise<Person> {
  const { id } = await ensureUser(t.db, { email: `${handle}@example.com`, name, roleKey: 'sales_rep', locale });
  return { id, token: (await createApiKey(t.db, id, handle)).token };
}

/** Sends a request as a person and parses the JSON reply. */
export async function requestAs(t: TestContext, who: Person, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, body?: unknown, headers: Record<string, string> = {}) {
  const r = await t.app.inject({ method, url, headers: { authorization: `Bearer ${who.token}`, ...headers }, ...(body === undefined ? {} : { payload: body as object }) });
  return { status: r.statusCode, headers: r.headers, body: r.body ? JSON.parse(r.body) : null };
}
