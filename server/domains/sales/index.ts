// The sales module: what opportunities do beyond storing fields. Pipelines with ordered stages (each
// with its probability and the fields needed to enter it), the stage history, stale deals and the
// close command. The worked example of the module seam (ARCHITECTURE.md, "Where domains plug in").
import type { FastifyInstance } from 'fastify';
import { defineModule, type ModuleJobContext, type ModuleRouteContext } from '../../records/index.ts';
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

export const salesModule = defineModule({
  name: 'sales',
  hooks: {
    opportunities: { ...opportunityHooks, afterWrite: recordStageMove },
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
  },
  jobs: (context: ModuleJobContext) => [...staleDealJobs(context), ...leadScoreJobs(context)],
  seed: seedDefaultPipeline,
});
