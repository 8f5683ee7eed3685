// HTTP for the customer pool, the sales settings and the win/loss analysis: thin handlers, one service
// call each, with the caller of the request (callerOf) so access is the caller's own.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { assertAdmin } from '../../platform/access/index.ts';
import type { ModuleRouteContext } from '../../records/index.ts';
import { analyseCompetitors } from './competitors.ts';
import { claimAccount, returnAccount } from './pool.ts';
import { listPoolAccounts, poolOverview, type PoolListQuery } from './pool-list.ts';
import { readBigDealSettings, readPoolSettings, writeBigDealSettings, writePoolSettings, type BigDealSettings, type PoolSettings } from './sales-settings.ts';
import { validatePoolSettings, validateBigDealSettings } from './settings-checks.ts';

const tags = ['Sales'];
const id = { type: 'string', format: 'uuid', maxLength: 36 };
const idParams = { type: 'object', required: ['id'], properties: { id } };
const days = { type: ['integer', 'null'], format: 'int32', minimum: 1, maximum: 3650 };
const claimLimit = { type: 'integer', format: 'int32', minimum: 0, maximum: 100000 };
const count = { type: 'integer', format: 'int32', minimum: 0, maximum: 2147483647 };
const text = (maxLength: number) => ({ type: 'string', maxLength });
const nullableText = (maxLength: number) => ({ type: ['string', 'null'], maxLength });
const money = { type: 'string', pattern: '^\\d{1,15}(\\.\\d{1,4})?$', maxLength: 20 };
const currency = { type: 'string', pattern: '^[A-Z]{3}$', minLength: 3, maxLength: 3 };

const poolSettingsSchema = {
  type: 'object',
  required: ['defaultIdleDays', 'defaultClaimLimit', 'teams'],
  additionalProperties: false,
  properties: {
    defaultIdleDays: days,
    defaultClaimLimit: claimLimit,
    teams: {
      type: 'array',
      maxItems: 500,
      items: { type: 'object', required: ['teamId', 'idleDays', 'claimLimit'], additionalProperties: false, properties: { teamId: id, idleDays: days, claimLimit } },
    },
  },
};
const bigDealSchema = {
  type: 'object',
  required: ['thresholds'],
  additionalProperties: false,
  properties: {
    thresholds: { type: 'array', maxItems: 50, items: { type: 'object', required: ['currency', 'amount'], additionalProperties: false, properties: { currency, amount: money } } },
  },
};
const quota = { claimLimit: count, held: count, remaining: count };
const listQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    teamId: { type: 'string', maxLength: 36, description: 'One pool: a team id, or `company` for the pool of no team' },
    q: { type: 'string', maxLength: 100, description: 'Name contains' },
    limit: { type: 'integer', format: 'int32', minimum: 1, maximum: 200, default: 50 },
    cursor: { type: 'string', format: 'uuid', maxLength: 36 },
  },
};
const moneyList = { type: 'array', maxItems: 50, items: { type: 'object', properties: { amount: text(30), currency: text(3) } } };

/** Registers the pool, settings and competitor analysis routes. */
export function poolRoutes(app: FastifyInstance, { callerOf }: ModuleRouteContext): void {
  app.get('/api/v1/pool', {
    schema: {
      tags,
      summary: 'The customer pools the caller may see, and their claim quota',
      response: {
        200: {
          type: 'object',
          properties: {
            ...quota,
            pools: { type: 'array', maxItems: 1000, items: { type: 'object', properties: { teamId: nullableText(36), teamName: nullableText(200), count } } },
          },
        },
      },
    },
  }, (request) => poolOverview(callerOf(request)));

  app.get('/api/v1/pool/accounts', {
    schema: { tags, summary: 'Accounts in the pools the caller may see, newest in the pool first', querystring: listQuery },
  }, (request: FastifyRequest<{ Querystring: PoolListQuery }>) => listPoolAccounts(callerOf(request), request.query));

  app.post('/api/v1/pool/accounts/:id/claim', {
    schema: {
      tags,
      summary: 'Claim an account from the pool',
      description: 'The account becomes the caller’s. 409 when someone claimed it first or the caller holds their limit already.',
      params: idParams,
      response: { 200: { type: 'object', properties: { id, name: text(1000), ...quota } } },
    },
  }, (request: FastifyRequest<{ Params: { id: string } }>) => claimAccount(callerOf(request), request.params.id));

  app.post('/api/v1/pool/accounts/:id/return', {
    schema: {
      tags,
      summary: 'Return an account to the pool',
      description: 'The account leaves its owner for the pool of the owner’s team. Needs edit access to the account.',
      params: idParams,
      response: { 200: { type: 'object', properties: { id, poolTeamId: nullableText(36) } } },
    },
  }, (request: FastifyRequest<{ Params: { id: string } }>) => returnAccount(callerOf(request), request.params.id));

  app.get('/api/v1/sales/settings/pool', { schema: { tags, summary: 'Customer pool settings (administrators)', response: { 200: poolSettingsSchema } } }, async (request) => {
    assertAdmin(request.ctx);
    return readPoolSettings(callerOf(request).db);
  });
  app.put('/api/v1/sales/settings/pool', { schema: { tags, summary: 'Change the customer pool settings (administrators)', body: poolSettingsSchema, response: { 200: poolSettingsSchema } } }, async (request: FastifyRequest<{ Body: PoolSettings }>) => {
    assertAdmin(request.ctx);
    const c = callerOf(request);
    await validatePoolSettings(c.db, request.body);
    await writePoolSettings(c.db, c.ctx.userId, request.body);
    return readPoolSettings(c.db);
  });
  app.get('/api/v1/sales/settings/big-deals', { schema: { tags, summary: 'Big-deal thresholds per currency (administrators)', response: { 200: bigDealSchema } } }, async (request) => {
    assertAdmin(request.ctx);
    return readBigDealSettings(callerOf(request).db);
  });
  app.put('/api/v1/sales/settings/big-deals', { schema: { tags, summary: 'Change the big-deal thresholds (administrators)', body: bigDealSchema, response: { 200: bigDealSchema } } }, async (request: FastifyRequest<{ Body: BigDealSettings }>) => {
    assertAdmin(request.ctx);
    const c = callerOf(request);
    validateBigDealSettings(request.body);
    await writeBigDealSettings(c.db, c.ctx.userId, request.body);
    return readBigDealSettings(c.db);
  });

  app.get('/api/v1/competitors/analysis', {
    schema: {
      tags,
      summary: 'Win/loss analysis by competitor over the deals the caller may read',
      response: {
        200: {
          type: 'object',
          properties: {
            data: {
              type: 'array',
              maxItems: 200,
              items: {
                type: 'object',
                properties: {
                  competitorId: id, name: text(200), deals: count, won: count, lost: count, open: count,
                  winRate: { type: ['number', 'null'], minimum: 0, maximum: 1 }, amountWon: moneyList, amountLost: moneyList,
                  topLossReasons: { type: 'array', maxItems: 3, items: { type: 'object', properties: { reason: text(255), count } } },
                },
              },
            },
          },
        },
      },
    },
  }, (request) => analyseCompetitors(callerOf(request)));
}
