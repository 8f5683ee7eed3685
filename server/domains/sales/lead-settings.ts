// The leads settings an administrator makes: the web-to-lead form and the assignment rules. Each is one
// JSON value in the organisation's settings (`org_settings`), read whole and replaced whole, with the
// JSON Schema its routes validate with.
import { sql } from 'drizzle-orm';
import type { Database } from '../../platform/db/index.ts';

/** Lead fields a web form may offer: the ones a visitor can fill in about themselves. */
export const CAPTURABLE_FIELDS = ['name', 'company', 'email', 'phone', 'city', 'province', 'industry', 'description'] as const;

export interface CaptureSettings {
  isEnabled: boolean;
  /** The lead fields the form accepts; anything else is refused. `name` is always among them. */
  fields: string[];
  /** Sites (scheme://host[:port]) whose pages may post the form from a browser. */
  allowedOrigins: string[];
  /** A form sent faster than this after the page showed it is a robot's. */
  minFillSeconds: number;
  /** Submissions one IP address may send per hour. */
  maxPerHour: number;
}

export type RuleMethod = 'user' | 'roundRobin' | 'leastLoaded';

export interface AssignmentRule {
  id: string;
  name: string;
  isActive: boolean;
  /** The rule matches a lead in one of these provinces / regions (any when empty). */
  provinces: string[];
  /** …and of one of these industries (any when empty). */
  industries: string[];
  method: RuleMethod;
  /** `user`: who gets the lead. */
  userId?: string | null;
  /** `roundRobin` and `leastLoaded`: among whose active members. */
  teamId?: string | null;
}

export interface RoutingSettings {
  /** Who gets a lead no rule matches; nobody (the creator keeps it) when null. */
  defaultOwnerId: string | null;
  /** Also route leads people create without choosing an owner (web-to-lead leads always are). */
  isRoutingManualLeads: boolean;
  rules: AssignmentRule[];
}

const CAPTURE_KEY = 'leads.capture';
const ROUTING_KEY = 'leads.routing';

export const defaultCapture: CaptureSettings = {
  isEnabled: false,
  fields: ['name', 'company', 'email', 'phone'],
  allowedOrigins: [],
  minFillSeconds: 3,
  maxPerHour: 20,
};

export const defaultRouting: RoutingSettings = { defaultOwnerId: null, isRoutingManualLeads: true, rules: [] };

const uuid = { type: 'string', format: 'uuid', maxLength: 36 };
const nullableUuid = { type: ['string', 'null'], format: 'uuid', maxLength: 36 };

export const captureSchema = {
  type: 'object',
  required: ['isEnabled', 'fields', 'allowedOrigins', 'minFillSeconds', 'maxPerHour'],
  additionalProperties: false,
  properties: {
    isEnabled: { type: 'boolean' },
    fields: { type: 'array', uniqueItems: true, maxItems: CAPTURABLE_FIELDS.length, items: { type: 'string', enum: [...CAPTURABLE_FIELDS] } },
    allowedOrigins: {
      type: 'array',
      uniqueItems: true,
      maxItems: 50,
      items: { type: 'string', maxLength: 200, pattern: '^https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?$' },
    },
    minFillSeconds: { type: 'integer', format: 'int32', minimum: 0, maximum: 600 },
    maxPerHour: { type: 'integer', format: 'int32', minimum: 1, maximum: 10000 },
  },
};

export const ruleSchema = {
  type: 'object',
  required: ['id', 'name', 'isActive', 'provinces', 'industries', 'method'],
  additionalProperties: false,
  properties: {
    id: uuid,
    name: { type: 'string', minLength: 1, maxLength: 100 },
    isActive: { type: 'boolean' },
    provinces: { type: 'array', maxItems: 50, items: { type: 'string', minLength: 1, maxLength: 100 } },
    industries: { type: 'array', maxItems: 50, items: { type: 'string', minLength: 1, maxLength: 100 } },
    method: { type: 'string', enum: ['user', 'roundRobin', 'leastLoaded'] },
    userId: nullableUuid,
    teamId: nullableUuid,
  },
};

export const routingSchema = {
  type: 'object',
  required: ['defaultOwnerId', 'isRoutingManualLeads', 'rules'],
  additionalProperties: false,
  properties: {
    defaultOwnerId: nullableUuid,
    isRoutingManualLeads: { type: 'boolean' },
    rules: { type: 'array', maxItems: 100, items: ruleSchema },
  },
};

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
