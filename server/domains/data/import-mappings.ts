// Saved import mappings: a file's column titles with the fields they fill, the value transforms and
// the matching, named and kept per object, so the next file of the same shape maps itself. Everyone
// who may import into the object sees them; their author or an administrator deletes one.
import { and, desc, eq } from 'drizzle-orm';
import { assertObjectAction } from '../../platform/access/index.ts';
import { notFound } from '../../platform/http/problem.ts';
import { newId } from '../../platform/ids.ts';
import type { Caller } from '../../records/index.ts';
import type { ImportSettings, SavedMapping } from './import-shape.ts';
import { importMappings } from './schema.ts';

const MAX_MAPPINGS = 200;

function assertMayImport(c: Caller, objectName: string): void {
  assertObjectAction(c.ctx, c.registry.get(objectName), 'import');
}

const view = (row: typeof importMappings.$inferSelect): SavedMapping => ({ id: row.id, object: row.objectName, name: row.name, settings: row.settings as ImportSettings, createdBy: row.createdBy, createdAt: row.createdAt.toISOString() });

/** The object's saved mappings, newest first. */
export async function listMappings(c: Caller, objectName: string) {
  assertMayImport(c, objectName);
  const rows = await c.db.orm.select().from(importMappings).where(eq(importMappings.objectName, objectName)).orderBy(desc(importMappings.createdAt)).limit(MAX_MAPPINGS);
  return { data: rows.map(view) };
}

/** Saves a mapping under a name. */
export async function saveMapping(c: Caller, objectName: string, name: string, settings: ImportSettings) {
  assertMayImport(c, objectName);
  const [row] = await c.db.orm.insert(importMappings).values({ id: newId(), objectName, name: name.trim(), createdBy: c.ctx.userId, settings }).returning();
  return view(row!);
}

/** Deletes a saved mapping of the caller's (any, for an administrator). */
export async function deleteMapping(c: Caller, id: string): Promise<void> {
  const mine = c.ctx.isAdmin ? undefined : eq(importMappings.createdBy, c.ctx.userId);
  const [row] = await c.db.orm.select().from(importMappings).where(and(eq(importMappings.id, id), mine));
  if (!row || !c.registry.has(row.objectName)) throw notFound('The mapping');
  assertMayImport(c, row.objectName);
  await c.db.orm.delete(importMappings).where(eq(importMappings.id, id));
}

/** The newest saved mapping whose every column title is in the header, if any: a file of the same shape. */
export async function mappingForHeader(c: Caller, objectName: string, header: readonly string[]): Promise<ImportSettings | undefined> {
  const { data } = await listMappings(c, objectName);
  return data.find((m) => Object.keys(m.settings.columns).length > 0 && Object.keys(m.settings.columns).every((title) => header.includes(title)))?.settings;
}
