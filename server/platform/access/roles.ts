// The default roles, created once; later edits by admins are kept.
import { eq } from 'drizzle-orm';
import type { Database } from '../db/index.ts';
import { roles } from '../db/schema.ts';
import { newId } from '../ids.ts';
import { defaultRoles } from './permissions.ts';

/** Inserts any default role that does not exist yet. */
export async function ensureDefaultRoles(db: Database): Promise<void> {
  for (const role of defaultRoles) {
    await db.orm
      .insert(roles)
      .values({ id: newId(), key: role.key, name: role.name, isSystem: true, permissions: role.permissions })
      .onConflictDoNothing({ target: roles.key });
  }
}

/** The id of a role by its key (e.g. `administrator`). */
export async function roleIdByKey(db: Database, key: string): Promise<string> {
  const [row] = await db.orm.select({ id: roles.id }).from(roles).where(eq(roles.key, key));
  if (!row) throw new Error(`No role with key ${key}`);
  return row.id;
}
