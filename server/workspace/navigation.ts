// The navigation: which objects the side menu shows, in which order. An administrator arranges it for
// everyone; each user sees only the objects their role may read.
import { eq } from 'drizzle-orm';
import { Type, type Static } from 'typebox';
import { canDo } from '../platform/access/index.ts';
import { logAuditEvent } from '../platform/audit/audit.ts';
import { invalidField } from '../platform/http/problem.ts';
import type { Caller } from '../records/index.ts';
import { orgSettings } from './schema.ts';

const NAVIGATION_KEY = 'navigation';

export const navigationBodySchema = Type.Object(
  {
    items: Type.Array(
      Type.Object({ object: Type.String({ minLength: 1, maxLength: 63 }), isHidden: Type.Boolean() }, { additionalProperties: false }),
      { maxItems: 500 },
    ),
  },
  { additionalProperties: false },
);

export type NavigationBody = Static<typeof navigationBodySchema>;

async function storedNavigation(c: Caller): Promise<NavigationBody> {
  const [row] = await c.db.orm.select().from(orgSettings).where(eq(orgSettings.key, NAVIGATION_KEY));
  return (row?.value as NavigationBody | undefined) ?? { items: [] };
}

/**
 * Every object in menu order: the administrator's order first, then objects added since in the order
 * of their definitions, each with whether it is hidden from the menu.
 */
async function arranged(c: Caller) {
  const stored = await storedNavigation(c);
  const position = new Map(stored.items.map((item, i) => [item.object, i]));
  const storedHidden = new Map(stored.items.map((item) => [item.object, item.isHidden]));
  // Owned children (a pipeline's stages) are reached through their parent, not the menu.
  const defs = c.registry.all().filter((def) => def.name !== 'users' && !def.fields.some((f) => f.type === 'parent'));
  return defs
    .map((def, i) => ({ def, order: position.get(def.name) ?? stored.items.length + i }))
    .toSorted((a, b) => a.order - b.order)
    .map(({ def }) => ({ object: def.name, label: def.label, labelPlural: def.labelPlural, isHidden: storedHidden.get(def.name) ?? def.isHiddenFromMenu ?? false }));
}

/** The menu of the caller: shown objects they may read, in the administrator's order. */
export async function getNavigation(c: Caller) {
  const items = await arranged(c);
  const shown = items.filter((item) => !item.isHidden && canDo(c.ctx, item.object, 'read'));
  return { data: shown.map(({ object, label, labelPlural }) => ({ object, label, labelPlural })) };
}

/** The whole arrangement, hidden objects included, for the administrator's settings screen. */
export async function getNavigationSettings(c: Caller) {
  return { data: await arranged(c) };
}

/** Stores the administrator's order and hidden objects; unknown objects are refused. */
export async function setNavigation(c: Caller, body: NavigationBody) {
  const seen = new Set<string>();
  body.items.forEach((item, i) => {
    if (!c.registry.has(item.object)) throw invalidField(`items.${i}.object`, 'not_found', `No object named "${item.object}".`);
    if (seen.has(item.object)) throw invalidField(`items.${i}.object`, 'duplicate', `"${item.object}" is listed twice.`);
    seen.add(item.object);
  });
  await c.db.transaction(async (tx) => {
    await tx.orm
      .insert(orgSettings)
      .values({ key: NAVIGATION_KEY, value: body, updatedBy: c.ctx.userId })
      .onConflictDoUpdate({ target: orgSettings.key, set: { value: body, updatedBy: c.ctx.userId, updatedAt: new Date() } });
    await logAuditEvent(tx, { actorId: c.ctx.userId, action: 'navigation.update', target: NAVIGATION_KEY, details: body });
  });
  return getNavigationSettings(c);
}
