// HTTP routes of the records API (docs/api.md). Each handler is one call into a service.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Database } from '../platform/db/index.ts';
import { Problem, localeOf, problemBody } from '../platform/http/problem.ts';
import { recordAbilitiesOf } from './record-guard.ts';
import type { RecordLock } from './record-lock-shape.ts';
import { runBulk, bulkBodySchema, type BulkRequest } from './bulk.ts';
import { getHistory, getTimeline } from './history.ts';
import { getRecord, listRecords } from './read.ts';
import type { Caller } from './caller.ts';
import type { Registry } from './registry.ts';
import { createRecord, deleteRecord, parseIfMatch, restoreRecord, updateRecord, upsertRecord } from './write.ts';
import type { RecordValues } from './types.ts';
import { addShare, listShares, removeShare, shareBodySchema, type ShareInput } from './shares.ts';
import { aggregateQuerySchema, listQuerySchema as listQuery, pageQuerySchema as pageQuery, recordParamsSchema as idParams } from './http-schemas.ts';
import { aggregateRecords, type AggregateQuery } from './aggregate.ts';
import { invalidQueryBody, queryRecords, queryRouteSchema, type QueryBody } from './query.ts';
import { checkFilterSize } from './filter-json.ts';
import type { ErrorObject } from 'ajv';

type Params = { object: string; id: string; field: string; value: string };
type Query = { filter?: string; sort?: string; limit?: number; cursor?: string; fields?: string; count?: boolean; deleted?: boolean };

const hidden = { hide: true } as Record<string, unknown>;

function sendRecord(reply: FastifyReply, record: RecordValues, status = 200) {
  return reply.status(status).header('ETag', `"${record.version}"`).send(record);
}

/** Registers /api/v1/{object}… for every object in the registry (resolved per request). */
export function registerRecordRoutes(app: FastifyInstance, db: Database, registry: Registry): void {
  const caller = (request: FastifyRequest): Caller => ({ db, registry, ctx: request.ctx, log: request.log });
  type Req = FastifyRequest<{ Params: Params; Querystring: Query; Body: unknown }>;

  app.get('/api/v1/:object', { schema: { ...hidden, querystring: listQuery } }, (request: Req) =>
    listRecords(caller(request), request.params.object, { ...request.query, isDeleted: request.query.deleted }),
  );
  // A read sent as POST so its filter can be JSON: no Idempotency-Key replay (a read is simply sent again).
  app.post(
    '/api/v1/:object/query',
    {
      schema: { ...hidden, body: queryRouteSchema },
      attachValidation: true,
      config: { isReadOnly: true },
      // Before the validator walks the tree recursively: a filter a million levels deep never reaches it.
      preValidation: async (request: Req) => checkFilterSize((request.body as { filter?: unknown } | null)?.filter),
    },
    (request: Req) => {
      if (request.validationError) throw invalidQueryBody((request.validationError as unknown as { validation: ErrorObject[] }).validation);
      return queryRecords(caller(request), request.params.object, request.body as QueryBody);
    },
  );
  app.get('/api/v1/:object/aggregate', { schema: { ...hidden, querystring: aggregateQuerySchema } }, (request: FastifyRequest<{ Params: Params; Querystring: AggregateQuery }>) =>
    aggregateRecords(caller(request), request.params.object, request.query),
  );
  app.post('/api/v1/:object', { schema: hidden }, async (request: Req, reply) => {
    const record = await createRecord(caller(request), request.params.object, request.body);
    reply.header('Location', `/api/v1/${request.params.object}/${record.id}`);
    return sendRecord(reply, record, 201);
  });
  app.get('/api/v1/:object/:id', { schema: { ...hidden, params: idParams, querystring: listQuery } }, async (request: Req, reply) =>
    sendRecord(reply, await getRecord(caller(request), request.params.object, request.params.id, request.query.fields)),
  );
  app.patch('/api/v1/:object/:id', { schema: { ...hidden, params: idParams } }, async (request: Req, reply) => {
    const version = parseIfMatch(request.headers['if-match']);
    return sendRecord(reply, await updateRecord(caller(request), request.params.object, request.params.id, request.body, version));
  });
  app.delete('/api/v1/:object/:id', { schema: { ...hidden, params: idParams } }, async (request: Req, reply) => {
    await deleteRecord(caller(request), request.params.object, request.params.id, parseIfMatch(request.headers['if-match']));
    return reply.status(204).send();
  });
  app.post('/api/v1/:object/:id/restore', { schema: { ...hidden, params: idParams } }, async (request: Req, reply) =>
    sendRecord(reply, await restoreRecord(caller(request), request.params.object, request.params.id)),
  );
  app.get('/api/v1/:object/:id/history', { schema: { ...hidden, params: idParams, querystring: pageQuery } }, (request: Req) =>
    getHistory(caller(request), request.params.object, request.params.id, request.query),
  );
  // What the caller may do with the record now: whether a write guard (a lock) refuses changes, and
  // whether their access lets them edit, delete or reassign it, so screens offer only what would succeed.
  app.get('/api/v1/:object/:id/lock', { schema: { ...hidden, params: idParams } }, async (request: Req): Promise<RecordLock> => {
    const { refusal, ...rights } = await recordAbilitiesOf(caller(request), request.params.object, request.params.id);
    if (!refusal) return { isLocked: false, code: null, detail: null, ...rights };
    const { detail } = problemBody(refusal.status, refusal.detail, request.url, [], localeOf(request));
    return { isLocked: true, code: refusal.detail.code ?? null, detail, ...rights };
  });
  app.get('/api/v1/:object/:id/timeline', { schema: { ...hidden, params: idParams, querystring: pageQuery } }, (request: Req) =>
    getTimeline(caller(request), request.params.object, request.params.id, request.query),
  );
  app.post('/api/v1/:object/bulk', { schema: { ...hidden, body: bulkBodySchema } }, (request: Req) =>
    runBulk(caller(request), request.params.object, request.body as BulkRequest),
  );
  app.get('/api/v1/:object/:id/shares', { schema: { ...hidden, params: idParams } }, (request: Req) =>
    listShares(caller(request), request.params.object, request.params.id),
  );
  app.post('/api/v1/:object/:id/shares', { schema: { ...hidden, params: idParams, body: shareBodySchema } }, async (request: Req, reply) =>
    reply.status(201).send(await addShare(caller(request), request.params.object, request.params.id, request.body as ShareInput)),
  );
  app.delete(
    '/api/v1/:object/:id/shares/:principalType/:principalId',
    { schema: { ...hidden, params: { ...idParams, properties: { ...idParams.properties, principalType: { type: 'string', enum: ['user', 'team', 'everyone'] }, principalId: { type: 'string', format: 'uuid' } } } } },
    async (request: FastifyRequest<{ Params: Params & { principalType: string; principalId: string } }>, reply) => {
      const { object, id, principalType, principalId } = request.params;
      await removeShare(caller(request), object, id, principalType, principalId);
      return reply.status(204).send();
    },
  );
  app.put('/api/v1/:object/by/:field/:value', { schema: hidden }, async (request: Req, reply) => {
    const { object, field, value } = request.params;
    if (value.length > 255) throw new Problem(400, { key: 'detail.externalIdTooLong' }, [{ field: 'value', code: 'maxLength', message: 'must be at most 255 characters' }]);
    if (value.includes('\u0000')) throw new Problem(400, { key: 'detail.externalIdNul' }, [{ field: 'value', code: 'invalid_character', message: 'must not contain NUL' }]);
    const { record, isCreated } = await upsertRecord(caller(request), object, field, value, request.body);
    return sendRecord(reply, record, isCreated ? 201 : 200);
  });
}

/** Registers the installed modules' routes (domain commands); their callers are built like the records API's. */
export function registerModuleRoutes(app: FastifyInstance, db: Database, registry: Registry): void {
  const callerOf = (request: FastifyRequest): Caller => ({ db, registry, ctx: request.ctx, log: request.log });
  for (const module of registry.modules.modules) module.routes?.(app, { db, registry, callerOf });
}
