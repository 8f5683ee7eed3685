// Who approves a step: a named user, everyone holding a role, or the requester's managers up N levels;
// and who may act for an approver who is away (their delegate, while the delegation lasts).
import { sql } from 'drizzle-orm';
import type { Caller, RecordValues } from '../../records/index.ts';

/** A step as the engine reads it from `approvalSteps`. */
export interface StepRecord {
  id: string;
  position: number;
  name: string;
  approverKind: 'user' | 'role' | 'managerChain';
  approverId: string | null;
  roleKey: string | null;
  managerLevels: number | null;
  mode: 'any' | 'all';
  amountField: string | null;
  amountAbove: number | null;
}

const MAX_MANAGER_LEVELS = 10;

/** The managers above a user, nearest first, up to `levels` (active users only, no loops). */
export async function managerChain(c: Caller, userId: string, levels: number): Promise<string[]> {
  const chain: string[] = [];
  let current = userId;
  for (let level = 0; level < Math.min(Math.max(levels, 1), MAX_MANAGER_LEVELS); level++) {
    const [row] = await c.db.rows<{ manager_id: string | null; is_active: boolean }>(sql`select m.id as manager_id, m.is_active
      from users u join users m on m.id = u.manager_id where u.id = ${current}::uuid`);
    if (!row?.manager_id || chain.includes(row.manager_id) || row.manager_id === userId) break;
    if (row.is_active) chain.push(row.manager_id);
    current = row.manager_id;
  }
  return chain;
}

/** The active users of a role, by the role's key. */
async function holdersOf(c: Caller, roleKey: string): Promise<string[]> {
  const rows = await c.db.rows<{ id: string }>(sql`select u.id from users u join roles r on r.id = u.role_id
    where r.key = ${roleKey} and u.is_active and u.deleted_at is null order by u.name, u.id`);
  return rows.map((r) => r.id);
}

/** The step's approvers for a requester; the requester never approves their own request. */
export async function resolveApprovers(c: Caller, step: StepRecord, requesterId: string): Promise<string[]> {
  let ids: string[] = [];
  if (step.approverKind === 'user' && step.approverId) ids = [step.approverId];
  else if (step.approverKind === 'role' && step.roleKey) ids = await holdersOf(c, step.roleKey);
  else if (step.approverKind === 'managerChain') ids = await managerChain(c, requesterId, step.managerLevels ?? 1);
  return [...new Set(ids)].filter((id) => id !== requesterId);
}

/** Administrators: who approves when a step names nobody (no manager, an empty role), so nothing is stuck. */
export async function fallbackApprovers(c: Caller, requesterId: string): Promise<string[]> {
  const admins = await holdersOf(c, 'administrator');
  const others = admins.filter((id) => id !== requesterId);
  return others.length ? others : admins;
}

/** The amount of a number or currency field, as a number (null when empty). */
function amountOf(value: unknown): number | null {
  if (typeof value === 'number') return value;
  if (value && typeof value === 'object' && 'amount' in value) return Number((value as { amount: string }).amount);
  return null;
}

/** Whether a step applies to the record: steps with an amount threshold only above it. */
export function stepApplies(step: StepRecord, record: RecordValues): boolean {
  if (!step.amountField || step.amountAbove === null || step.amountAbove === undefined) return true;
  const amount = amountOf(record[step.amountField]);
  return amount !== null && amount > step.amountAbove;
}

/** The day a delegation is checked against (UTC date). */
export function dayOf(now: Date): string {
  return now.toISOString().slice(0, 10);
}

/** The approvers among `approverIds` who are away today and delegated to `delegateId`. */
export async function delegatorsFor(c: Caller, delegateId: string, approverIds: string[], now: Date): Promise<string[]> {
  if (approverIds.length === 0) return [];
  const day = dayOf(now);
  const rows = await c.db.rows<{ owner_id: string }>(sql`select distinct d.owner_id from approval_delegations d
    where d.deleted_at is null and d.delegate_id = ${delegateId}::uuid and d.starts_on <= ${day}::date and d.ends_on >= ${day}::date
      and d.owner_id in (${sql.join(approverIds.map((id) => sql`${id}::uuid`), sql`, `)})`);
  return rows.map((r) => r.owner_id);
}

/** Everyone `userId` may act for today: themselves and those away who delegated to them. */
export async function actingFor(c: Caller, userId: string, now: Date): Promise<string[]> {
  const day = dayOf(now);
  const rows = await c.db.rows<{ owner_id: string }>(sql`select distinct d.owner_id from approval_delegations d
    where d.deleted_at is null and d.delegate_id = ${userId}::uuid and d.starts_on <= ${day}::date and d.ends_on >= ${day}::date`);
  return [userId, ...rows.map((r) => r.owner_id)];
}
