// The leads settings an administrator makes: the web-to-lead form and the assignment rules. Each is one
// JSON value in the organisation's settings (`org_settings`), read whole and replaced whole; their
// shape and JSON Schemas are in lead-settings-shape.ts.
import { sql } from 'drizzle-orm';
import type { Database } from '../../platform/db/index.ts';
import { defaultCapture, defaultRouting, type CaptureSettings, type RoutingSettings } from './lead-settings-shape.ts';

export * from './lead-settings-shape.ts';

const CAPTURE_KEY = 'leads.capture';
const ROUTING_KEY = 'leads.routing';

/** Reads one settings value (the given default when none is stored yet). */
export async function readSetting<T extends object>(db: Database, key: string, fallback: T): Promise<T> {
  const [row] = await db.rows<{ value: unknown }>(sql`select value from org_settings where key = ${key}`);
  const value = typeof row?.value === 'string' ? JSON.parse(row.value) : row?.value;
  return value && typeof value === 'object' ? { ...fallback, ...(value as T) } : fallback;
}

/** Replaces one settings value. */
export async function writeSetting(db: Database, key: string, value: object, userId: string | null): Promise<void> {
  await db.rows(sql`insert into org_settings (key, value, updated_at, updated_by)
    values (${key}, ${JSON.stringify(value)}::jsonb, now(), ${userId}::uuid)
    on conflict (key) do update set value = excluded.value, updated_at = excluded.updated_at, updated_by = excluded.updated_by`);
}

export const readCapture = (db: Database) => readSetting(db, CAPTURE_KEY, defaultCapture);
export const readRouting = (db: Database) => readSetting(db, ROUTING_KEY, defaultRouting);
export const writeCapture = (db: Database, value: CaptureSettings, userId: string) =>
  writeSetting(db, CAPTURE_KEY, { ...value, fields: [...new Set(['name', ...value.fields])] }, userId);
export const writeRouting = (db: Database, value: RoutingSettings, userId: string) => writeSetting(db, ROUTING_KEY, value, userId);
