// The lead score in the database: the model trained on past judged leads (converted or unqualified),
// stored in the organisation's settings, used to score every lead as it is written, and retrained by
// a daily job (which also rescores the open leads).
import { sql } from 'drizzle-orm';
import type { Database } from '../../platform/db/index.ts';
import { defineScheduledJob } from '../../platform/jobs/index.ts';
import type { ModuleJobContext, RecordValues } from '../../records/index.ts';
import { OPEN_LEAD_STATUSES } from './lead-assignment.ts';
import { explain, train, type LeadFeatures, type ScoreModel } from './lead-score-model.ts';
import { readSetting, writeSetting } from './lead-settings.ts';

const MODEL_KEY = 'leads.scoreModel';
/** The most leads one training reads (the latest judged ones). */
const MAX_TRAINING_LEADS = 50_000;
const RESCORE_BATCH = 500;

/** The stored model, or undefined before the first training. */
export async function readScoreModel(db: Database): Promise<ScoreModel | undefined> {
  const model = await readSetting<Partial<ScoreModel>>(db, MODEL_KEY, {});
  return model.weights ? (model as ScoreModel) : undefined;
}

/** The score and factors a lead's write derives, when a model exists. */
export async function scoreValues(db: Database, lead: RecordValues): Promise<RecordValues> {
  const model = await readScoreModel(db);
  if (!model) return {};
  const { score, factors } = explain(model, lead);
  return { score, scoreFactors: factors };
}

export interface TrainingResult {
  model: ScoreModel | undefined;
  /** Judged leads found (converted or unqualified). */
  judgedCount: number;
  rescored: number;
}

/** Trains a model on the judged leads, stores it and rescores the open leads; keeps the old model when too few. */
export async function retrainLeadScore(db: Database, now: Date): Promise<TrainingResult> {
  const rows = await db.rows<{ id: string; source: string | null; industry: string | null; province: string | null; email: string | null; phone: string | null; status: string }>(
    sql`select id, source, industry, province, email, phone, status from leads
      where deleted_at is null and status in ('converted', 'unqualified') order by updated_at desc, id limit ${MAX_TRAINING_LEADS}`,
  );
  const model = train(rows.map((r) => ({ ...r, isConverted: r.status === 'converted' })), now);
  if (!model) return { model: undefined, judgedCount: rows.length, rescored: 0 };
  await writeSetting(db, MODEL_KEY, model, null);
  return { model, judgedCount: rows.length, rescored: await rescoreOpenLeads(db, model) };
}

/**
 * Writes the new score of every open lead. Bookkeeping, not an edit: the version is kept (a form open
 * on a lead is not refused because the model was retrained meanwhile) and no change is logged.
 */
async function rescoreOpenLeads(db: Database, model: ScoreModel): Promise<number> {
  let after = '00000000-0000-0000-0000-000000000000';
  let count = 0;
  for (;;) {
    const leads = await db.rows<{ id: string } & LeadFeatures>(sql`select id, source, industry, province, email, phone from leads
      where deleted_at is null and id > ${after}::uuid and status in (${sql.join(OPEN_LEAD_STATUSES.map((s) => sql`${s}`), sql`, `)})
      order by id limit ${RESCORE_BATCH}`);
    if (leads.length === 0) return count;
    const values = leads.map((lead) => {
      const { score, factors } = explain(model, lead);
      return sql`(${lead.id}::uuid, ${score}::numeric, ${JSON.stringify(factors)}::jsonb)`;
    });
    await db.rows(sql`update leads l set score = v.score, score_factors = v.factors
      from (values ${sql.join(values, sql`, `)}) as v(id, score, factors) where l.id = v.id`);
    count += leads.length;
    after = leads.at(-1)!.id;
  }
}

/** The daily retraining of the lead score. */
export function leadScoreJobs({ db, now }: ModuleJobContext) {
  return [
    defineScheduledJob({
      name: 'sales.train-lead-score',
      schedule: '41 3 * * *',
      handler: async (_payload, { log }) => {
        const { model, judgedCount, rescored } = await retrainLeadScore(db, now());
        log.info({ judgedCount, rescored, auc: model?.auc ?? null }, model ? 'retrained the lead score' : 'too few judged leads to train the lead score');
      },
    }),
  ];
}
