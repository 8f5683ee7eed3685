// Installations older than the bulletin board have default roles whose `*` entry would let everyone
// publish. At start, a default role with no word yet on the bulletin objects gets its defaults for them;
// a role an administrator has set (an entry present, even an empty one) is left as it is.
import { and, eq } from 'drizzle-orm';
import { defaultRoles } from '../../platform/access/permissions.ts';
import { roles } from '../../platform/db/schema.ts';
import type { RolePermissions } from '../../platform/access/permissions.ts';
import type { Caller } from '../../records/index.ts';

const bulletinObjects = ['announcements', 'bulletinColumns', 'announcementReads'];

/** Gives the default roles their bulletin permissions where they have none yet (idempotent). */
export async function ensureBulletinPermissions(c: Caller): Promise<void> {
  for (const role of defaultRoles) {
    const defaults = role.permissions.objects;
    if (role.permissions.isAdmin || !bulletinObjects.some((name) => name in defaults)) continue;
    const [stored] = await c.db.orm.select({ id: roles.id, permissions: roles.permissions }).from(roles).where(and(eq(roles.key, role.key), eq(roles.isSystem, true)));
    const permissions = stored?.permissions as RolePermissions | undefined;
    if (!stored || !permissions?.objects || bulletinObjects.every((name) => name in permissions.objects)) continue;
    const added = Object.fromEntries(bulletinObjects.filter((name) => !(name in permissions.objects) && name in defaults).map((name) => [name, defaults[name]]));
    await c.db.orm.update(roles).set({ permissions: { ...permissions, objects: { ...permissions.objects, ...added } }, updatedAt: new Date() }).where(eq(roles.id, stored.id));
  }
}
