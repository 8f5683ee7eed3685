// Big-deal alerts: when an opportunity's amount reaches the threshold an administrator set for its
// currency, the owner's whole manager chain (their manager, that manager's manager …) is told, in-app
// and by e-mail through the notification center, each only if they may read the deal. Only the write
// that crosses the line alerts: saving a deal already above it again does not. The notices are written
// in the deal's transaction (afterWrite), so they exist exactly when the amount commits.
import { sql } from 'drizzle-orm';
import { loadRequestContext } from '../../platform/access/load-context.ts';
import { recordAccessOf, type WrittenRecord } from '../../records/index.ts';
import { notify } from '../../notifications/service.ts';
import { readBigDealSettings, type BigDealSettings } from './sales-settings.ts';
import type { Money } from './money-shape.ts';

// A chain longer than this is a loop in the hierarchy, not an organisation.
const MAX_CHAIN = 20;

function isBig(money: unknown, settings: BigDealSettings): boolean {
  if (!money || typeof money !== 'object') return false;
  const { amount, currency } = money as Money;
  const threshold = settings.thresholds.find((t) => t.currency === currency);
  return threshold !== undefined && Number(amount) >= Number(threshold.amount);
}

/** The managers above a user, nearest first (each once, even in a looped hierarchy). */
async function managerChain(write: WrittenRecord, userId: string): Promise<string[]> {
  const rows = await write.caller.db.rows<{ id: string }>(sql`with recursive chain(id, depth, path) as (
      select u.manager_id, 1, array[u.id] from users u where u.id = ${userId}::uuid and u.manager_id is not null
      union all
      select u.manager_id, c.depth + 1, c.path || u.id from chain c join users u on u.id = c.id
      where u.manager_id is not null and not u.manager_id = any(c.path) and c.depth < ${MAX_CHAIN})
    select c.id from chain c join users m on m.id = c.id where m.is_active order by c.depth`);
  return [...new Set(rows.map((r) => r.id))].filter((id) => id !== userId);
}

/** afterWrite on opportunities: alerts the owner's managers when this write makes the deal a big one. */
export async function alertBigDeal(write: WrittenRecord): Promise<void> {
  // Work the system does by itself (imports, the demo) alerts no one, like assignment notices.
  if (write.caller.isSystem || (write.action !== 'create' && write.action !== 'update') || !write.record) return;
  const settings = await readBigDealSettings(write.caller.db);
  if (settings.thresholds.length === 0) return;
  if (!isBig(write.record.amount, settings) || isBig(write.before?.amount, settings)) return;
  const ownerId = write.record.ownerId as string | null;
  if (!ownerId) return;
  const { db, registry } = write.caller;
  for (const managerId of await managerChain(write, ownerId)) {
    const ctx = await loadRequestContext(db, managerId);
    if (!ctx || (await recordAccessOf({ db, registry, ctx }, 'opportunities', write.id)) === 'none') continue;
    await notify(db, { userId: managerId, kind: 'deal.big', objectName: 'opportunities', recordId: write.id, actorId: write.caller.ctx.userId });
  }
}
