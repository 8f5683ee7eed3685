// The sales module: what opportunities do beyond storing fields. Pipelines with ordered stages (each
// with its probability and the fields needed to enter it), the stage history, stale deals and the
// close command; leads (web-to-lead, routing, conversion, score); the customer pool of accounts,
// big-deal alerts and competitors on deals. The worked example of the module seam (ARCHITECTURE.md,
// "Where domains plug in").
import type { FastifyInstance } from 'fastify';
import { defineModule, type ModuleJobContext, type ModuleRouteContext, type WrittenRecord } from '../../records/index.ts';
import { competitors } from '../../objects/competitors.ts';
import { opportunityCompetitors } from '../../objects/opportunityCompetitors.ts';
import { alertBigDeal } from './big-deal.ts';
import { accountPoolHooks, poolJobs } from './pool-hooks.ts';
import { poolRoutes } from './pool-routes.ts';
import { seedDefaultPipeline } from './default-pipeline.ts';
import { leadHooks } from './lead-hooks.ts';
import { leadRoutes } from './lead-routes.ts';
import { leadScoreJobs } from './lead-score.ts';
import { opportunityHooks } from './opportunity-hooks.ts';
import { pipelineHooks, pipelineStageHooks } from './pipeline-hooks.ts';
import { salesRoutes } from './routes.ts';
import { recordStageMove, stageChangeHooks } from './stage-history.ts';
import { activityHooks, staleDealJobs } from './staleness.ts';

export { stageProbability } from './opportunity-hooks.ts';

/** An opportunity's follow-ups in its write transaction: the stage history, then the big-deal alert. */
async function afterOpportunityWrite(write: WrittenRecord): Promise<void> {
  await recordStageMove(write);
  await alertBigDeal(write);
}

export const salesModule = defineModule({
  name: 'sales',
  // After opportunities (core): a deal's competitors refer to it.
  objects: [competitors, opportunityCompetitors],
  hooks: {
    opportunities: { ...opportunityHooks, afterWrite: afterOpportunityWrite },
    accounts: accountPoolHooks,
    opportunityStageChanges: stageChangeHooks,
    pipelines: pipelineHooks,
    pipelineStages: pipelineStageHooks,
    activities: activityHooks,
    leads: leadHooks,
  },
  // Stage moves show in the deal's timeline next to its calls and notes.
  timeline: [
    {
      kind: 'stageChange',
      object: 'opportunityStageChanges',
      linkFields: (def) => def.fields.filter((f) => f.name === 'opportunityId'),
      atFields: ['at'],
    },
  ],
  routes: (app: FastifyInstance, engine: ModuleRouteContext) => {
    salesRoutes(app, engine);
    leadRoutes(app, engine);
    poolRoutes(app, engine);
  },
  jobs: (context: ModuleJobContext) => [...staleDealJobs(context), ...leadScoreJobs(context), ...poolJobs(context)],
  seed: seedDefaultPipeline,
});
