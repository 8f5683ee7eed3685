// Win/loss analysis by competitor: for every competitor met on deals the caller may read, how many
// deals, won, lost and open, the win rate over closed ones, the amounts won and lost per currency and
// the most frequent loss reasons. A link's own outcome and reason count; without them, the deal's
// close (won / lost, its loss reason). Record access is inside the SQL, and amounts or reasons the
// caller may not see (field security) are left out.
import { sql } from 'drizzle-orm';
import { toInteger } from '../../platform/db/database.ts';
import { assertObjectAction } from '../../platform/access/index.ts';
import { definitionFor, visibleRows, type Caller } from '../../records/index.ts';
import type { CompetitorAnalysis } from './pool-shape.ts';

export type { CompetitorAnalysis } from './pool-shape.ts';

const TOP_REASONS = 3;
const MAX_COMPETITORS = 200;

function seesField(c: Caller, objectName: string, field: string): boolean {
  return definitionFor(c, c.registry.get(objectName))?.fields.some((f) => f.name === field) ?? false;
}

/** The win/loss figures per competitor over the deals the caller may read, most deals first. */
export async function analyseCompetitors(c: Caller): Promise<{ data: CompetitorAnalysis[] }> {
  const opportunities = c.registry.get('opportunities');
  const competitors = c.registry.get('competitors');
  assertObjectAction(c.ctx, opportunities, 'read');
  assertObjectAction(c.ctx, competitors, 'read');
  const showsAmounts = seesField(c, 'opportunities', 'amount');
  const showsOutcome = seesField(c, 'opportunityCompetitors', 'outcome');
  const showsReasons = seesField(c, 'opportunityCompetitors', 'reason') && seesField(c, 'opportunities', 'lossReason');
  const dealOutcome = sql`case o.stage when 'won' then 'won' when 'lost' then 'lost' else 'open' end`;
  const outcome = showsOutcome ? sql`coalesce(l.outcome, ${dealOutcome})` : dealOutcome;
  const links = sql`select l.competitor_id, k.name, o.id as opportunity_id, ${outcome} as outcome,
      o.amount, o.amount_currency as currency, coalesce(l.reason, o.loss_reason) as reason
    from opportunity_competitors l
    join opportunities o on o.id = l.opportunity_id and o.deleted_at is null and ${visibleRows(c, opportunities, 'o')}
    join competitors k on k.id = l.competitor_id and k.deleted_at is null and ${visibleRows(c, competitors, 'k')}
    where l.deleted_at is null`;
  const counts = await c.db.rows<{ competitor_id: string; name: string; outcome: string; n: unknown }>(sql`with links as (${links})
    select competitor_id, name, outcome, count(distinct opportunity_id) as n from links group by 1, 2, 3`);
  const byId = new Map<string, CompetitorAnalysis>();
  for (const row of counts) {
    const entry = byId.get(row.competitor_id) ?? { competitorId: row.competitor_id, name: row.name, deals: 0, won: 0, lost: 0, open: 0, winRate: null, amountWon: [], amountLost: [], topLossReasons: [] };
    const n = toInteger(row.n);
    entry.deals += n;
    entry[row.outcome as 'won' | 'lost' | 'open'] += n;
    byId.set(row.competitor_id, entry);
  }
  if (showsAmounts) {
    const sums = await c.db.rows<{ competitor_id: string; outcome: string; currency: string; total: string }>(sql`with links as (${links})
      select competitor_id, outcome, currency, round(sum(amount), 2)::text as total from links
      where outcome in ('won', 'lost') and amount is not null group by 1, 2, 3 order by sum(amount) desc`);
    for (const row of sums) {
      const entry = byId.get(row.competitor_id)!;
      (row.outcome === 'won' ? entry.amountWon : entry.amountLost).push({ amount: row.total, currency: row.currency });
    }
  }
  if (showsReasons) {
    const reasons = await c.db.rows<{ competitor_id: string; reason: string; n: unknown }>(sql`with links as (${links})
      select competitor_id, reason, count(*) as n from links where outcome = 'lost' and coalesce(reason, '') <> ''
      group by 1, 2 order by 3 desc, 2`);
    for (const row of reasons) {
      const entry = byId.get(row.competitor_id)!;
      if (entry.topLossReasons.length < TOP_REASONS) entry.topLossReasons.push({ reason: row.reason, count: toInteger(row.n) });
    }
  }
  const data = [...byId.values()]
    .map((e) => ({ ...e, winRate: e.won + e.lost > 0 ? e.won / (e.won + e.lost) : null }))
    .toSorted((a, b) => b.deals - a.deals || a.name.localeCompare(b.name))
    .slice(0, MAX_COMPETITORS);
  return { data };
}
