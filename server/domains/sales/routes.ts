// The sales module's HTTP commands: close a deal, and read the time a deal spent in each stage.
import type { FastifyRequest } from 'fastify';
import { invalidField } from '../../platform/http/problem.ts';
import { parseIfMatch, updateRecord, type ModuleRouteContext } from '../../records/index.ts';
import type { FastifyInstance } from 'fastify';
import { MAX_STAGE_MOVES, stageDurations } from './stage-history.ts';

interface CloseBody {
  outcome: 'won' | 'lost';
  lossReason?: string;
}

const idParams = { type: 'object', required: ['id'], properties: { id: { type: 'string', maxLength: 64 } } };

const closeSchema = {
  tags: ['Sales'],
  summary: 'Close an opportunity as won or lost',
  description: 'Sets the stage (and so the probability); a lost opportunity needs a loss reason. Honours If-Match.',
  params: idParams,
  body: {
    type: 'object',
    required: ['outcome'],
    additionalProperties: false,
    properties: { outcome: { type: 'string', enum: ['won', 'lost'] }, lossReason: { type: 'string', maxLength: 255 } },
  },
};

const id = { type: 'string', format: 'uuid', maxLength: 36 };
const nullableId = { type: ['string', 'null'], format: 'uuid', maxLength: 36 };
const label = { type: 'object', properties: { en: { type: 'string', maxLength: 100 }, 'zh-CN': { type: 'string', maxLength: 100 } } };
const seconds = { type: 'integer', format: 'int64', minimum: 0, maximum: 1e12 };
const stagesSchema = {
  tags: ['Sales'],
  summary: 'Time an opportunity spent in each stage',
  description: 'Every stage period, oldest first (the current one runs up to now), and the seconds per stage. 404 for a deal the caller cannot read.',
  params: idParams,
  response: {
    200: {
      type: 'object',
      properties: {
        stageId: nullableId,
        data: {
          type: 'array',
          maxItems: MAX_STAGE_MOVES,
          items: {
            type: 'object',
            properties: {
              stageId: id, label, kind: { type: ['string', 'null'], enum: ['open', 'won', 'lost', null] }, enteredAt: { type: 'string', format: 'date-time', maxLength: 40 },
              leftAt: { type: ['string', 'null'], format: 'date-time', maxLength: 40 }, seconds, byId: nullableId,
            },
          },
        },
        totals: { type: 'array', maxItems: MAX_STAGE_MOVES, items: { type: 'object', properties: { stageId: id, label, seconds } } },
      },
    },
  },
};

/** Registers the sales commands; each goes through the engine with the caller's own access. */
export function salesRoutes(app: FastifyInstance, { callerOf }: ModuleRouteContext): void {
  app.post('/api/v1/opportunities/:id/close', { schema: closeSchema }, async (request: FastifyRequest<{ Params: { id: string }; Body: CloseBody }>, reply) => {
    const { outcome, lossReason } = request.body;
    if (outcome === 'won' && lossReason !== undefined) throw invalidField('lossReason', 'not_allowed', 'only a lost opportunity has a loss reason');
    const values = outcome === 'won' ? { stage: 'won', lossReason: null } : { stage: 'lost', lossReason: lossReason ?? null };
    const version = parseIfMatch(request.headers['if-match']);
    const record = await updateRecord(callerOf(request), 'opportunities', request.params.id, values, version);
    return reply.header('ETag', `"${String(record.version)}"`).send(record);
  });

  app.get('/api/v1/opportunities/:id/stages', { schema: stagesSchema }, (request: FastifyRequest<{ Params: { id: string } }>) =>
    stageDurations(callerOf(request), request.params.id),
  );
}
