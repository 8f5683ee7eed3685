// Lead assignment: the administrator's rules, in their order, pick the owner of a new lead — a named
// user, the next member of a team in turn (round-robin) or the member with the fewest open leads
// (least-loaded); a lead no rule matches goes to the default owner.
import { sql } from 'drizzle-orm';
import type { Database } from '../../platform/db/index.ts';
import type { RecordValues } from '../../records/index.ts';
import { readRouting, type AssignmentRule, type RoutingSettings } from './lead-settings.ts';

/** Lead statuses that still ask for a rep's work (they count towards a rep's load). */
export const OPEN_LEAD_STATUSES = ['new', 'working', 'qualified'];

const normalise = (value: unknown) => (typeof value === 'string' ? value.trim().toLowerCase() : '');

/** Whether a rule's conditions hold for a lead (an empty list allows any value). */
export function isRuleMatching(rule: AssignmentRule, lead: RecordValues): boolean {
  if (!rule.isActive) return false;
  const province = normalise(lead.province);
  // A region written as "广东" matches a lead from "广东省" and the other way round.
  const isProvinceOk = rule.provinces.length === 0 || rule.provinces.some((p) => {
    const wanted = normalise(p);
    return province !== '' && (province.startsWith(wanted) || wanted.startsWith(province));
  });
  const isIndustryOk = rule.industries.length === 0 || rule.industries.includes(String(lead.industry ?? ''));
  return isProvinceOk && isIndustryOk;
}

/** The active members of a team, in a stable order (name, then id). */
async function activeMembers(db: Database, teamId: string): Promise<string[]> {
  const rows = await db.rows<{ id: string }>(sql`select u.id from team_members m join users u on u.id = m.user_id
    where m.team_id = ${teamId}::uuid and u.is_active order by u.name, u.id`);
  return rows.map((r) => r.id);
}

/** The next member in turn: a counter per rule, advanced in the writing transaction (so no two leads share a turn). */
async function nextInTurn(db: Database, rule: AssignmentRule, members: string[]): Promise<string> {
  const key = `leads.routing.turn.${rule.id}`;
  const [row] = await db.rows<{ turn: number | string }>(sql`insert into org_settings (key, value) values (${key}, '{"turn":0}'::jsonb)
    on conflict (key) do update set value = jsonb_build_object('turn', coalesce((org_settings.value->>'turn')::bigint, -1) + 1), updated_at = now()
    returning (value->>'turn')::bigint as turn`);
  return members[Number(row!.turn) % members.length]!;
}

/** The member with the fewest open leads (the earlier member on a tie). */
async function leastLoaded(db: Database, members: string[]): Promise<string> {
  const rows = await db.rows<{ owner_id: string; open: number | string }>(sql`select owner_id, count(*) as open from leads
    where deleted_at is null and owner_id in (${sql.join(members.map((m) => sql`${m}::uuid`), sql`, `)})
      and status in (${sql.join(OPEN_LEAD_STATUSES.map((s) => sql`${s}`), sql`, `)})
    group by owner_id`);
  const load = new Map(rows.map((r) => [r.owner_id, Number(r.open)]));
  return members.reduce((best, m) => ((load.get(m) ?? 0) < (load.get(best) ?? 0) ? m : best), members[0]!);
}

async function isActiveUser(db: Database, userId: string): Promise<boolean> {
  const rows = await db.rows(sql`select 1 from users where id = ${userId}::uuid and is_active`);
  return rows.length > 0;
}

/** The owner a rule gives a lead, or undefined when it cannot (no such user, an empty team). */
async function ownerByRule(db: Database, rule: AssignmentRule): Promise<string | undefined> {
  if (rule.method === 'user') return rule.userId && (await isActiveUser(db, rule.userId)) ? rule.userId : undefined;
  if (!rule.teamId) return undefined;
  const members = await activeMembers(db, rule.teamId);
  if (members.length === 0) return undefined;
  return rule.method === 'roundRobin' ? nextInTurn(db, rule, members) : leastLoaded(db, members);
}

export interface Assignment {
  ownerId: string;
  /** The rule that chose the owner; null for the default owner. */
  ruleId: string | null;
}

/**
 * Picks the owner of a new lead: the first matching rule that can name one, else the default owner;
 * undefined when neither does. Run it inside the creating transaction (round-robin turns are taken there).
 */
export async function assignLead(db: Database, lead: RecordValues, routing?: RoutingSettings): Promise<Assignment | undefined> {
  const settings = routing ?? (await readRouting(db));
  for (const rule of settings.rules) {
    if (!isRuleMatching(rule, lead)) continue;
    const ownerId = await ownerByRule(db, rule);
    if (ownerId) return { ownerId, ruleId: rule.id };
  }
  if (settings.defaultOwnerId && (await isActiveUser(db, settings.defaultOwnerId))) return { ownerId: settings.defaultOwnerId, ruleId: null };
  return undefined;
}
