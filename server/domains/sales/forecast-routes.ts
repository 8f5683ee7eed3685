// The forecast and quota-planning API: thin handlers over forecast.ts and quota-service.ts, each with
// the caller's own access.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { assertAdmin } from '../../platform/access/index.ts';
import { invalidField } from '../../platform/http/problem.ts';
import type { ModuleRouteContext } from '../../records/index.ts';
import { parseDay } from './exchange-rates.ts';
import { buildForecast, type ForecastQuery } from './forecast.ts';
import { periodTypes } from './forecast-periods.ts';
import { snapshotForecast } from './forecast-snapshots.ts';
import { planForCaller, planStoredQuota, type PlanRequest } from './quota-service.ts';

const day = { type: 'string', format: 'date', maxLength: 10 };
const uuid = { type: 'string', format: 'uuid', maxLength: 36 };
const decimal = { type: 'string', pattern: '^\\d{1,15}(\\.\\d{1,4})?$', maxLength: 20 };
const money = { type: 'string', maxLength: 24 };
const text = (maxLength: number) => ({ type: 'string', maxLength });
const list = (items: object, maxItems: number) => ({ type: 'array', maxItems, items });
const count = { type: 'integer', format: 'int64', minimum: 0, maximum: 1e12 };
const signedCount = { type: 'integer', format: 'int64', minimum: -1e12, maximum: 1e12 };
const MAX_PEOPLE = 100_000;
const periodSchema = { type: 'object', properties: { type: { type: 'string', enum: [...periodTypes] }, start: day, end: day, months: list(day, 12) } };
const cell = { type: 'object', properties: { count, amount: money, weighted: money } };
const figures = {
  type: 'object',
  properties: {
    categories: { type: 'object', properties: Object.fromEntries(['pipeline', 'bestCase', 'commit', 'closed', 'omitted'].map((c) => [c, cell])) },
    total: cell,
  },
};
const nullable = (schema: object) => ({ anyOf: [schema, { type: 'null' }] });

const forecastSchema = {
  tags: ['Sales'],
  summary: 'The sales forecast of a period',
  description:
    'Deals the caller may see closing in the month, quarter or year containing `date`, per owner and forecast category (count, amount, amount × probability), ' +
    'in the base currency at the exchange rates of `asOf`, rolled up the manager hierarchy, against quotas (gap = quota − closed), with last week’s snapshot.',
  querystring: {
    type: 'object',
    required: ['period', 'date'],
    additionalProperties: false,
    properties: { period: { type: 'string', enum: [...periodTypes] }, date: day, ownerId: uuid, teamId: uuid, asOf: day },
  },
  response: {
    200: {
      type: 'object',
      properties: {
        period: periodSchema,
        currency: text(3),
        asOf: day,
        missingRates: list(text(3), 500),
        previousWeekOf: day,
        viewerId: uuid,
        rows: {
          type: 'array',
          maxItems: MAX_PEOPLE,
          items: {
            type: 'object',
            properties: {
              id: text(36), name: text(200), managerId: nullable(uuid), reportIds: list(uuid, MAX_PEOPLE),
              own: figures, team: figures, quota: nullable(money), gap: nullable(money), previous: nullable(figures),
            },
          },
        },
        rootIds: list(text(36), MAX_PEOPLE),
        teamOwnerIds: { type: 'object', maxProperties: MAX_PEOPLE, additionalProperties: list(text(36), MAX_PEOPLE) },
        totals: figures,
        quota: nullable(money),
        gap: nullable(money),
        previousTotals: nullable(figures),
      },
    },
  },
};

const planBody = {
  type: 'object',
  required: ['amount', 'periodType', 'periodStart', 'regions'],
  additionalProperties: false,
  properties: {
    amount: decimal,
    periodType: { type: 'string', enum: [...periodTypes] },
    periodStart: day,
    regions: { type: 'array', minItems: 1, maxItems: 50, uniqueItems: true, items: { type: 'string', minLength: 1, maxLength: 100 } },
    splitMethod: { type: 'string', enum: ['even', 'seasonal', 'manual'], default: 'even' },
    manual: {
      type: 'object',
      maxProperties: 50,
      additionalProperties: { type: 'object', maxProperties: 12, propertyNames: { pattern: '^\\d{4}-\\d{2}-01$' }, additionalProperties: decimal },
    },
    averageDealSize: nullable(decimal),
    winRate: nullable({ type: 'number', exclusiveMinimum: 0, maximum: 100 }),
    assigneeId: nullable(uuid),
    asOf: day,
  },
};

const percent = { type: 'number', minimum: 0, maximum: 100 };
const planCell = {
  type: 'object',
  properties: {
    month: day, target: money, winsNeeded: nullable(signedCount), exactWins: nullable(money), prospectsNeeded: nullable(signedCount),
    exactProspects: nullable(money), openCount: count, openAmount: money, wonAmount: money, gap: money, prospectGap: nullable(count),
  },
};
const planResponse = {
  type: 'object',
  properties: {
    currency: text(3),
    period: periodSchema,
    history: {
      type: 'object',
      properties: { averageDealSize: nullable(money), winRate: nullable(percent), wonCount: count, lostCount: count, from: day, to: day },
    },
    used: {
      type: 'object',
      properties: { averageDealSize: nullable(money), winRate: nullable(percent), isDealSizeOverridden: { type: 'boolean' }, isWinRateOverridden: { type: 'boolean' } },
    },
    missingRates: list(text(3), 500),
    plan: {
      type: 'object',
      properties: {
        target: money,
        plannedTotal: money,
        regions: list({ type: 'object', properties: { region: text(100), target: money, months: list(planCell, 12) } }, 51),
        totals: {
          type: 'object',
          properties: { winsNeeded: nullable(signedCount), prospectsNeeded: nullable(signedCount), openCount: count, wonAmount: money, gap: money },
        },
      },
    },
  },
};

const today = () => new Date().toISOString().slice(0, 10);

/** Registers the forecast and quota-planning routes. */
export function forecastRoutes(app: FastifyInstance, { db, registry, callerOf }: ModuleRouteContext): void {
  app.get('/api/v1/forecast', { schema: forecastSchema }, (request: FastifyRequest<{ Querystring: ForecastQuery }>) => {
    const q = request.query;
    return buildForecast(callerOf(request), { ...q, date: parseDay(q.date, 'date'), asOf: q.asOf ? parseDay(q.asOf, 'asOf') : undefined }, today());
  });

  app.post(
    '/api/v1/forecast/quota-plan',
    {
      schema: {
        tags: ['Sales'],
        summary: 'Plan a quota',
        description:
          'Splits a target by region (evenly) and by month (evenly, by last year’s won amounts, or by hand) and says per cell how many won deals and prospects it takes ' +
          'at the average deal size and win rate of the last twelve months (or the ones given), against what the pipeline holds now. Exact: rounded once.',
        body: planBody,
        response: { 200: planResponse },
      },
    },
    (request: FastifyRequest<{ Body: PlanRequest }>) => {
      const body = request.body;
      const periodStart = parseDay(body.periodStart, 'periodStart');
      for (const region of Object.keys(body.manual ?? {})) {
        if (!body.regions.includes(region)) throw invalidField('manual', 'unknown_field', `"${region.slice(0, 100)}" is not one of the regions.`);
      }
      if (body.splitMethod === 'manual' && !body.manual) throw invalidField('manual', 'required', 'give the amounts of a split by hand');
      return planForCaller(callerOf(request), { ...body, periodStart, asOf: body.asOf ? parseDay(body.asOf, 'asOf') : undefined }, today());
    },
  );

  app.get(
    '/api/v1/quotas/:id/plan',
    {
      schema: {
        tags: ['Sales'],
        summary: 'Plan a stored quota',
        description: 'The plan of a quota record, as `POST /forecast/quota-plan` computes it. 404 for a quota the caller cannot read.',
        params: { type: 'object', required: ['id'], properties: { id: { type: 'string', maxLength: 64 } } },
        response: { 200: planResponse },
      },
    },
    (request: FastifyRequest<{ Params: { id: string } }>) => planStoredQuota(callerOf(request), request.params.id, today()),
  );

  app.post(
    '/api/v1/forecast/snapshots',
    {
      schema: {
        tags: ['Sales'],
        summary: 'Take the weekly forecast snapshot now',
        description: 'Administrators only. The weekly job does the same every Monday; taking it again the same week replaces that week’s figures.',
        response: { 200: { type: 'object', properties: { weekOf: day, rows: count } } },
      },
    },
    (request) => {
      assertAdmin(callerOf(request).ctx);
      return snapshotForecast(db, registry, new Date());
    },
  );
}
