// Checks of the sales settings beyond their JSON Schema: teams that exist, each listed once.
import { inArray } from 'drizzle-orm';
import type { Database } from '../../platform/db/index.ts';
import { teams } from '../../platform/db/schema.ts';
import { invalidField } from '../../platform/http/problem.ts';
import type { BigDealSettings, PoolSettings } from './sales-settings.ts';

/** Refuses (400) a team listed twice or one that does not exist. */
export async function validatePoolSettings(db: Database, settings: PoolSettings): Promise<void> {
  const ids = settings.teams.map((t) => t.teamId);
  ids.forEach((teamId, i) => {
    if (ids.indexOf(teamId) !== i) throw invalidField(`teams.${i}.teamId`, 'duplicate', 'This team is listed twice.');
  });
  if (ids.length === 0) return;
  const found = new Set((await db.orm.select({ id: teams.id }).from(teams).where(inArray(teams.id, ids))).map((t) => t.id));
  const missing = ids.findIndex((teamId) => !found.has(teamId));
  if (missing >= 0) throw invalidField(`teams.${missing}.teamId`, 'not_found', 'No team with this id.');
}

/** Refuses (400) a currency listed twice. */
export function validateBigDealSettings(settings: BigDealSettings): void {
  const codes = settings.thresholds.map((t) => t.currency);
  codes.forEach((code, i) => {
    if (codes.indexOf(code) !== i) throw invalidField(`thresholds.${i}.currency`, 'duplicate', 'This currency is listed twice.');
  });
}
