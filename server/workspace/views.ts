// Saved views: a user's named filter, sort and columns for a list or board of one object, kept on the
// server so they follow the user between devices and can be shared with a team or everyone.
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { Type, type Static } from 'typebox';
import { canDo } from '../platform/access/index.ts';
import { Problem, invalidField, notFound } from '../platform/http/problem.ts';
import { newId } from '../platform/ids.ts';
import { teams } from '../platform/db/schema.ts';
import { fieldByName, listRecords, type Caller } from '../records/index.ts';

import { savedViews } from './schema.ts';

const fieldName = Type.String({ minLength: 1, maxLength: 63 });

/** The settings of a view, as clients send and receive them. */
export const viewSettingsSchema = Type.Object(
  {
    kind: Type.Union([Type.Literal('list'), Type.Literal('board')], { default: 'list' }),
    filter: Type.Optional(Type.String({ maxLength: 4000 })),
    sort: Type.Optional(Type.String({ maxLength: 500 })),
    columns: Type.Optional(Type.Array(fieldName, { maxItems: 100 })),
    columnWidths: Type.Optional(Type.Record(Type.String({ maxLength: 63 }), Type.Integer({ format: 'int32', minimum: 40, maximum: 2000 }))),
    /** The select field a board groups by. */
    groupBy: Type.Optional(fieldName),
  },
  { additionalProperties: false },
);

const visibility = Type.Union([Type.Literal('private'), Type.Literal('team'), Type.Literal('everyone')]);

export const viewBodySchema = Type.Object(
  {
    objectName: Type.String({ minLength: 1, maxLength: 63 }),
    name: Type.String({ minLength: 1, maxLength: 100, pattern: '\\S' }),
    visibility: Type.Optional(visibility),
    teamId: Type.Optional(Type.Union([Type.String({ format: 'uuid' }), Type.Null()])),
    settings: viewSettingsSchema,
  },
  { additionalProperties: false },
);

export const viewPatchSchema = Type.Partial(Type.Omit(viewBodySchema, ['objectName']), { additionalProperties: false, minProperties: 1 });

export type ViewBody = Static<typeof viewBodySchema>;
export type ViewPatch = Static<typeof viewPatchSchema>;
type ViewRow = typeof savedViews.$inferSelect;

/** What a caller may see of views: their own, their teams' (parent teams included) and everyone's. */
function visibleTo(c: Caller) {
  const teamIds = c.ctx.teamIds.length ? c.ctx.teamIds : ['00000000-0000-0000-0000-000000000000'];
  return sql`(${savedViews.ownerId} = ${c.ctx.userId}::uuid or ${savedViews.visibility} = 'everyone'
    or (${savedViews.visibility} = 'team' and ${savedViews.teamId} = any(${sql.param(teamIds)}::uuid[])))`;
}

function present(c: Caller, row: ViewRow) {
  return {
    id: row.id,
    objectName: row.objectName,
    name: row.name,
    ownerId: row.ownerId,
    visibility: row.visibility,
    teamId: row.teamId,
    settings: row.settings,
    canEdit: row.ownerId === c.ctx.userId || c.ctx.isAdmin,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/** The views of an object the caller may use, personal ones first, then by name. */
export async function listViews(c: Caller, objectName: string) {
  if (!c.registry.has(objectName) || !canDo(c.ctx, objectName, 'read')) return { data: [], nextCursor: null };
  const rows = await c.db.orm
    .select()
    .from(savedViews)
    .where(and(eq(savedViews.objectName, objectName), visibleTo(c)))
    .orderBy(sql`${savedViews.ownerId} <> ${c.ctx.userId}::uuid`, savedViews.name)
    .limit(500);
  return { data: rows.map((row) => present(c, row)), nextCursor: null };
}

async function findVisible(c: Caller, id: string): Promise<ViewRow> {
  const [row] = await c.db.orm.select().from(savedViews).where(and(eq(savedViews.id, id), visibleTo(c)));
  if (!row || !canDo(c.ctx, row.objectName, 'read')) throw notFound('The view');
  return row;
}

/** One view the caller may use. */
export async function getView(c: Caller, id: string) {
  return present(c, await findVisible(c, id));
}

/**
 * Checks a view against its object as the caller sees it: the filter and sort must run (hidden fields
 * refused exactly as in a list), columns and the board's field must exist, sharing must be allowed.
 */
async function assertValid(c: Caller, objectName: string, body: Pick<ViewBody, 'settings' | 'visibility' | 'teamId'>) {
  if (!c.registry.has(objectName) || !canDo(c.ctx, objectName, 'read')) {
    throw invalidField('objectName', 'not_found', 'No object with this name.');
  }
  const def = c.registry.get(objectName);
  const { settings } = body;
  await listRecords(c, objectName, { filter: settings.filter || undefined, sort: settings.sort || undefined, limit: 1 });
  settings.columns?.forEach((name, i) => {
    if (!fieldByName(def, name)) throw invalidField(`settings.columns.${i}`, 'unknown_field', `"${name}" is not a field of ${objectName}.`);
  });
  if (settings.kind === 'board') {
    const group = settings.groupBy ? fieldByName(def, settings.groupBy) : undefined;
    if (group?.type !== 'select') throw invalidField('settings.groupBy', 'not_select', 'A board groups by a select field.');
  }
  if (body.visibility === 'team') {
    if (!body.teamId) throw invalidField('teamId', 'required', 'Choose the team to share the view with.');
    if (!c.ctx.isAdmin && !c.ctx.teamIds.includes(body.teamId)) throw invalidField('teamId', 'not_member', 'You can share views only with your own teams.');
  }
  if (body.visibility === 'everyone' && !c.ctx.isAdmin) {
    throw new Problem(403, { key: 'detail.viewShareAdminOnly' });
  }
}

/** Saves a new view owned by the caller. */
export async function createView(c: Caller, body: ViewBody) {
  const visibilityOf = body.visibility ?? 'private';
  await assertValid(c, body.objectName, { ...body, visibility: visibilityOf });
  const [row] = await c.db.orm
    .insert(savedViews)
    .values({
      id: newId(),
      objectName: body.objectName,
      name: body.name.trim(),
      ownerId: c.ctx.userId,
      visibility: visibilityOf,
      teamId: visibilityOf === 'team' ? body.teamId! : null,
      settings: body.settings,
    })
    .returning();
  return present(c, row!);
}

async function findEditable(c: Caller, id: string): Promise<ViewRow> {
  const row = await findVisible(c, id);
  if (row.ownerId !== c.ctx.userId && !c.ctx.isAdmin) throw new Problem(403, { key: 'detail.viewOwnerOnly' });
  return row;
}

/** Renames, re-shares or changes a view the caller owns (administrators: any). */
export async function updateView(c: Caller, id: string, patch: ViewPatch) {
  const row = await findEditable(c, id);
  const next = {
    name: patch.name?.trim() ?? row.name,
    visibility: patch.visibility ?? (row.visibility as ViewBody['visibility']),
    teamId: patch.teamId === undefined ? row.teamId : patch.teamId,
    settings: patch.settings ?? (row.settings as ViewBody['settings']),
  };
  await assertValid(c, row.objectName, next);
  const [updated] = await c.db.orm
    .update(savedViews)
    .set({ ...next, teamId: next.visibility === 'team' ? next.teamId : null, updatedAt: new Date() })
    .where(eq(savedViews.id, id))
    .returning();
  return present(c, updated!);
}

/** Deletes a view the caller owns (administrators: any). */
export async function deleteView(c: Caller, id: string): Promise<void> {
  await findEditable(c, id);
  await c.db.orm.delete(savedViews).where(eq(savedViews.id, id));
}

/** The teams the caller may share a view with: their own (and parent) teams; administrators: every team. */
export async function listShareableTeams(c: Caller) {
  if (!c.ctx.isAdmin && c.ctx.teamIds.length === 0) return { data: [] };
  const rows = await c.db.orm
    .select({ id: teams.id, name: teams.name })
    .from(teams)
    .where(c.ctx.isAdmin ? undefined : inArray(teams.id, c.ctx.teamIds))
    .orderBy(asc(teams.name))
    .limit(1000);
  return { data: rows };
}
