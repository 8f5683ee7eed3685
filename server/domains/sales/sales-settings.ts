// The sales settings administrators choose: the customer pool per team (days without activity before
// an account returns, accounts a rep may hold from it) and the big-deal amounts per currency. Kept as
// JSON in the organisation's settings; a change is audited.
import { eq } from 'drizzle-orm';
import type { Database } from '../../platform/db/index.ts';
import { logAuditEvent } from '../../platform/audit/audit.ts';
import { orgSettings } from '../../workspace/schema.ts';
import type { BigDealSettings, PoolSettings, TeamPoolRule } from './pool-shape.ts';

export type { BigDealSettings, PoolSettings, TeamPoolRule } from './pool-shape.ts';

export const POOL_SETTINGS_KEY = 'sales.pool';
export const BIG_DEAL_SETTINGS_KEY = 'sales.bigDeals';

// Nothing returns by itself until an administrator chooses a number of days.
const defaultPoolSettings: PoolSettings = { defaultIdleDays: null, defaultClaimLimit: 20, teams: [] };
const defaultBigDealSettings: BigDealSettings = { thresholds: [] };

async function readSetting<T>(db: Database, key: string, fallback: T): Promise<T> {
  const [row] = await db.orm.select({ value: orgSettings.value }).from(orgSettings).where(eq(orgSettings.key, key));
  return (row?.value as T | undefined) ?? fallback;
}

async function writeSetting(db: Database, actorId: string, key: string, value: object): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.orm
      .insert(orgSettings)
      .values({ key, value, updatedBy: actorId })
      .onConflictDoUpdate({ target: orgSettings.key, set: { value, updatedBy: actorId, updatedAt: new Date() } });
    await logAuditEvent(tx, { actorId, action: 'settings.update', target: key, details: value as Record<string, unknown> });
  });
}

/** The pool settings (defaults until an administrator saves some). */
export function readPoolSettings(db: Database): Promise<PoolSettings> {
  return readSetting(db, POOL_SETTINGS_KEY, defaultPoolSettings);
}

/** Stores the pool settings. */
export function writePoolSettings(db: Database, actorId: string, settings: PoolSettings): Promise<void> {
  return writeSetting(db, actorId, POOL_SETTINGS_KEY, settings);
}

/** The big-deal thresholds. */
export function readBigDealSettings(db: Database): Promise<BigDealSettings> {
  return readSetting(db, BIG_DEAL_SETTINGS_KEY, defaultBigDealSettings);
}

/** Stores the big-deal thresholds. */
export function writeBigDealSettings(db: Database, actorId: string, settings: BigDealSettings): Promise<void> {
  return writeSetting(db, actorId, BIG_DEAL_SETTINGS_KEY, settings);
}

/** The rule for a team, or the defaults. */
export function ruleOf(settings: PoolSettings, teamId: string | null): Omit<TeamPoolRule, 'teamId'> {
  const rule = teamId ? settings.teams.find((t) => t.teamId === teamId) : undefined;
  return rule ?? { idleDays: settings.defaultIdleDays, claimLimit: settings.defaultClaimLimit };
}
