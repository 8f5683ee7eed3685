// The leads commands over HTTP: the public web-to-lead endpoint (with its CORS preflight), the
// administrator's settings (form, assignment rules, score model), and per lead its duplicates and
// its conversion. Thin: each calls one service.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { sql } from 'drizzle-orm';
import { invalidField, Problem } from '../../platform/http/problem.ts';
import { parseIfMatch, type ModuleRouteContext } from '../../records/index.ts';
import { captureLead, isOriginAllowed } from './lead-capture.ts';
import { convertLead, type ConversionInput } from './lead-conversion.ts';
import { findDuplicates } from './lead-duplicates.ts';
import { readScoreModel, retrainLeadScore } from './lead-score.ts';
import type { ScoreModel } from './lead-score-model.ts';
import {
  captureSchema, readCapture, readRouting, routingSchema, writeCapture, writeRouting, type CaptureSettings, type RoutingSettings, type ScoreSummary, type TrainingSummary,
} from './lead-settings.ts';

export const WEB_TO_LEAD_PATH = '/api/v1/web-to-lead';

const tags = ['Leads'];
const idParams = { type: 'object', required: ['id'], properties: { id: { type: 'string', maxLength: 64 } } };
const uuid = { type: 'string', format: 'uuid', maxLength: 36 };
const recordObject = { type: 'object', additionalProperties: true };
const count = { type: 'integer', format: 'int32', minimum: 0, maximum: 1_000_000_000 };

function assertAdmin(request: FastifyRequest): void {
  if (!request.ctx.isAdmin) throw new Problem(403, { key: 'detail.403' });
}

/** The CORS answer headers for an allowed browser origin (none for others). */
function corsHeaders(settings: CaptureSettings, origin: string | undefined): Record<string, string> {
  if (!origin || !isOriginAllowed(settings, origin)) return {};
  return { 'Access-Control-Allow-Origin': origin, Vary: 'Origin' };
}

const originOf = (request: FastifyRequest) => (typeof request.headers.origin === 'string' ? request.headers.origin : undefined);

const ids = (values: Set<string>) => sql.join([...values].map((v) => sql`${v}::uuid`), sql`, `);

/** Refuses rules that name a user or team that does not exist, or lack the one their method needs. */
async function checkRouting(db: ModuleRouteContext['db'], routing: RoutingSettings): Promise<void> {
  const userIds = new Set([routing.defaultOwnerId, ...routing.rules.map((r) => r.userId)].filter((v): v is string => Boolean(v)));
  const teamIds = new Set(routing.rules.map((r) => r.teamId).filter((v): v is string => Boolean(v)));
  const users = userIds.size ? await db.rows<{ id: string }>(sql`select id from users where id in (${ids(userIds)})`) : [];
  const teams = teamIds.size ? await db.rows<{ id: string }>(sql`select id from teams where id in (${ids(teamIds)})`) : [];
  const [knownUsers, knownTeams] = [new Set(users.map((u) => u.id)), new Set(teams.map((t) => t.id))];
  if (routing.defaultOwnerId && !knownUsers.has(routing.defaultOwnerId)) throw invalidField('defaultOwnerId', 'not_found', 'There is no such user.');
  routing.rules.forEach((rule, i) => {
    if (rule.method === 'user' && !rule.userId) throw invalidField(`rules.${i}.userId`, 'required', 'Choose who gets the leads.');
    if (rule.method !== 'user' && !rule.teamId) throw invalidField(`rules.${i}.teamId`, 'required', 'Choose the team that shares the leads.');
    if (rule.method === 'user' && !knownUsers.has(rule.userId!)) throw invalidField(`rules.${i}.userId`, 'not_found', 'There is no such user.');
    if (rule.method !== 'user' && !knownTeams.has(rule.teamId!)) throw invalidField(`rules.${i}.teamId`, 'not_found', 'There is no such team.');
  });
  if (new Set(routing.rules.map((r) => r.id)).size !== routing.rules.length) throw invalidField('rules', 'duplicate', 'Two rules have the same id.');
}

/** What the settings screen shows of the model: its quality and its weights, largest first. */
function modelSummary(model: ScoreModel | undefined): ScoreSummary {
  if (!model) return { model: null };
  const weights = Object.entries(model.weights)
    .map(([feature, weight]) => ({ feature, weight: Math.round(weight * 100) / 100 }))
    .toSorted((a, b) => Math.abs(b.weight) - Math.abs(a.weight) || a.feature.localeCompare(b.feature))
    .slice(0, 20);
  const { auc, trainedAt, trainingCount, heldOutCount } = model;
  return { model: { auc, trainedAt, trainingCount, heldOutCount, weights } };
}

const modelResponse = {
  type: 'object',
  properties: {
    model: {
      type: ['object', 'null'],
      properties: {
        auc: { type: ['number', 'null'] },
        trainedAt: { type: 'string', format: 'date-time', maxLength: 40 },
        trainingCount: count,
        heldOutCount: count,
        weights: { type: 'array', maxItems: 20, items: { type: 'object', properties: { feature: { type: 'string', maxLength: 200 }, weight: { type: 'number' } } } },
      },
    },
    judgedCount: count,
  },
};

/** Registers the leads routes; every one but the web-to-lead pair needs a signed-in caller. */
export function leadRoutes(app: FastifyInstance, { db, registry, callerOf }: ModuleRouteContext): void {
  app.options(WEB_TO_LEAD_PATH, { schema: { tags, summary: 'CORS preflight of the web-to-lead form', hide: true } }, async (request, reply) => {
    const settings = await readCapture(db);
    const origin = originOf(request);
    if (!settings.isEnabled || !origin || !isOriginAllowed(settings, origin)) throw new Problem(403, { key: 'detail.leadFormOrigin' });
    return reply
      .headers({ ...corsHeaders(settings, origin), 'Access-Control-Allow-Methods': 'POST', 'Access-Control-Allow-Headers': 'content-type', 'Access-Control-Max-Age': '600' })
      .code(204)
      .send();
  });

  app.post(
    WEB_TO_LEAD_PATH,
    {
      schema: {
        tags,
        summary: 'Web-to-lead: a visitor sends a form from the web site (no sign-in)',
        description:
          'String values keyed by the lead fields the form accepts, `utmSource`, `utmMedium`, `utmCampaign`, the hidden `_hp` (must stay empty) and `_fillMs` (milliseconds the form was shown). Refused: unknown fields (400), too fast (400), an origin not allowed (403), too many from one IP (429).',
        body: { type: 'object', maxProperties: 30, additionalProperties: { type: 'string', maxLength: 5000 } },
        response: { 202: { type: 'object', properties: { isReceived: { type: 'boolean' } } } },
      },
    },
    async (request: FastifyRequest<{ Body: Record<string, string> }>, reply: FastifyReply) => {
      const origin = originOf(request);
      const settings = await readCapture(db);
      // On refusals too, so the page's script can read why.
      reply.headers(corsHeaders(settings, origin));
      await captureLead({ db, registry, log: request.log }, { body: request.body, ip: request.ip, origin, now: new Date() }, settings);
      return reply.code(202).send({ isReceived: true });
    },
  );

  app.get('/api/v1/sales/lead-capture', { schema: { tags, summary: 'The web-to-lead form settings (administrators)', response: { 200: captureSchema } } }, async (request) => {
    assertAdmin(request);
    return readCapture(db);
  });
  app.put('/api/v1/sales/lead-capture', { schema: { tags, summary: 'Change the web-to-lead form settings (administrators)', body: captureSchema, response: { 200: captureSchema } } }, async (request: FastifyRequest<{ Body: CaptureSettings }>) => {
    assertAdmin(request);
    await writeCapture(db, request.body, request.ctx.userId);
    return readCapture(db);
  });

  app.get('/api/v1/sales/lead-routing', { schema: { tags, summary: 'The lead assignment rules, in order (administrators)', response: { 200: routingSchema } } }, async (request) => {
    assertAdmin(request);
    return readRouting(db);
  });
  app.put('/api/v1/sales/lead-routing', { schema: { tags, summary: 'Replace the lead assignment rules (administrators)', body: routingSchema, response: { 200: routingSchema } } }, async (request: FastifyRequest<{ Body: RoutingSettings }>) => {
    assertAdmin(request);
    await checkRouting(db, request.body);
    await writeRouting(db, request.body, request.ctx.userId);
    return readRouting(db);
  });

  app.get('/api/v1/sales/lead-score', { schema: { tags, summary: 'The lead score model: its AUC on held-out leads and its weights', response: { 200: modelResponse } } }, async () =>
    modelSummary(await readScoreModel(db)),
  );
  app.post('/api/v1/sales/lead-score/train', { schema: { tags, summary: 'Retrain the lead score now (administrators)', response: { 200: modelResponse } } }, async (request): Promise<TrainingSummary> => {
    assertAdmin(request);
    const { model, judgedCount } = await retrainLeadScore(db, new Date());
    return { ...modelSummary(model ?? (await readScoreModel(db))), judgedCount };
  });

  const duplicate = { type: 'object', properties: { object: { type: 'string', enum: ['leads', 'contacts', 'accounts'] }, id: uuid, title: { type: 'string', maxLength: 100000 }, fields: { type: 'array', maxItems: 3, items: { type: 'string', maxLength: 40 } } } };
  app.get(
    '/api/v1/leads/:id/duplicates',
    { schema: { tags, summary: 'Records that match a lead by e-mail, phone or company (those the caller may read)', params: idParams, response: { 200: { type: 'object', properties: { data: { type: 'array', maxItems: 60, items: duplicate } } } } } },
    async (request: FastifyRequest<{ Params: { id: string } }>) => ({ data: await findDuplicates(callerOf(request), request.params.id) }),
  );

  app.post(
    '/api/v1/leads/:id/convert',
    {
      schema: {
        tags,
        summary: 'Convert a lead into an account, a contact and an opportunity (all or nothing)',
        description: 'Reuses `accountId` when given (an account the caller may read). Honours If-Match on the lead.',
        params: idParams,
        body: {
          type: 'object',
          additionalProperties: false,
          properties: { accountId: uuid, isCreatingOpportunity: { type: 'boolean' }, opportunityName: { type: 'string', minLength: 1, maxLength: 255 } },
        },
        response: { 200: { type: 'object', properties: { lead: recordObject, account: recordObject, contact: recordObject, opportunity: { type: ['object', 'null'], additionalProperties: true } } } },
      },
    },
    async (request: FastifyRequest<{ Params: { id: string }; Body: Omit<ConversionInput, 'version'> | undefined }>) =>
      convertLead(callerOf(request), request.params.id, { ...request.body, version: parseIfMatch(request.headers['if-match']) }),
  );
}
