// Creating users. The admin API for people and teams builds on this.
import { eq, sql } from 'drizzle-orm';
import type { Database } from '../db/index.ts';
import { users } from '../db/schema.ts';
import { newId } from '../ids.ts';
import { indexTokens } from '../search/tokens.ts';
import { roleIdByKey } from '../access/roles.ts';

/** Creates a user, or returns the existing one with that e-mail (so create-admin can be re-run). */
export async function ensureUser(
  db: Database,
  input: { email: string; name: string; roleKey?: string; locale?: string },
): Promise<{ id: string; isCreated: boolean }> {
  const email = input.email.trim().toLowerCase();
  const [existing] = await db.orm.select({ id: users.id }).from(users).where(sql`lower(${users.email}) = ${email}`);
  if (existing) {
    if (input.roleKey) await db.orm.update(users).set({ roleId: await roleIdByKey(db, input.roleKey) }).where(eq(users.id, existing.id));
    return { id: existing.id, isCreated: false };
  }
  const id = newId();
  await db.orm.insert(users).values({
    id,
    email,
    name: input.name,
    roleId: await roleIdByKey(db, input.roleKey ?? 'read_only'),
    locale: input.locale ?? 'zh-CN',
    searchTokens: indexTokens([input.name, email]),
  });
  return { id, isCreated: true };
}
