// HTTP commands of duplicates and merge: check a draft, read or refresh the duplicate report, merge
// records, undo a merge. Thin: each calls one service with the request's caller.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { assertAdmin } from '../../platform/access/index.ts';
import type { ModuleRouteContext, RecordValues } from '../../records/index.ts';
import { findDuplicates, MAX_MATCHES } from './duplicate-match.ts';
import { MAX_GROUP_SIZE, MAX_GROUPS, readDuplicateReport, refreshDuplicateReport } from './duplicate-report.ts';
import { MAX_RULES } from './duplicate-rules.ts';
import { mergeRecords, type MergeInput } from './merge-service.ts';
import { undoMerge } from './merge-undo.ts';

const objectParams = { type: 'object', required: ['object'], properties: { object: { type: 'string', maxLength: 63 } } };
const uuid = { type: 'string', format: 'uuid', maxLength: 36 };
const strength = { type: 'string', enum: ['strong', 'weak'] };
const anyRecord = { type: 'object', additionalProperties: true };
const title = { type: 'string', maxLength: 100000 };
const ruleName = { type: 'string', maxLength: 100 };
const fieldName = { type: 'string', maxLength: 63 };

const checkSchema = {
  tags: ['Data'],
  summary: 'Find likely duplicates of a draft record',
  description:
    'Applies the object’s active duplicate rules to the values of a record not yet saved and answers the records the caller may read ' +
    'that look alike (strong: same e-mail, phone, text or company name; weak: similar names). Rules on fields hidden from the caller are skipped.',
  params: objectParams,
  body: {
    type: 'object',
    required: ['record'],
    additionalProperties: false,
    properties: { record: { type: 'object', maxProperties: 200 }, excludeId: { ...uuid, description: 'the record being edited, left out' } },
  },
  response: {
    200: {
      type: 'object',
      properties: {
        data: {
          type: 'array',
          maxItems: MAX_MATCHES,
          items: {
            type: 'object',
            properties: {
              id: uuid, title, strength, record: anyRecord,
              reasons: {
                type: 'array',
                maxItems: MAX_RULES,
                items: { type: 'object', properties: { ruleId: uuid, rule: ruleName, field: fieldName, strength, score: { type: 'number', minimum: 0, maximum: 1 } } },
              },
            },
          },
        },
      },
    },
  },
};

const reportResponse = {
  200: {
    type: 'object',
    properties: {
      generatedAt: { type: ['string', 'null'], format: 'date-time' },
      groups: {
        type: 'array',
        maxItems: MAX_GROUPS,
        items: {
          type: 'object',
          properties: {
            strength,
            reasons: { type: 'array', maxItems: MAX_RULES, items: { type: 'object', properties: { ruleId: uuid, rule: ruleName, field: fieldName } } },
            records: { type: 'array', maxItems: MAX_GROUP_SIZE, items: { type: 'object', properties: { id: uuid, title } } },
          },
        },
      },
    },
  },
};

const mergeResponse = { 200: { type: 'object', properties: { mergeId: uuid, survivor: anyRecord } } };

const mergeSchema = {
  tags: ['Data'],
  summary: 'Merge two or three records',
  description:
    'Keeps `survivorId`, taking each field named in `choices` from the record given; links (lookups of any object, activities), manual shares ' +
    'and history of the others move to it and the others go to the recycle bin. Needs edit on the survivor and delete on the others. Audited; undo with `POST /merges/{id}/undo`.',
  params: objectParams,
  body: {
    type: 'object',
    required: ['survivorId', 'loserIds'],
    additionalProperties: false,
    properties: {
      survivorId: uuid,
      loserIds: { type: 'array', minItems: 1, maxItems: 2, uniqueItems: true, items: uuid },
      choices: { type: 'object', maxProperties: 200, additionalProperties: uuid, description: 'field → id of the record whose value is kept' },
    },
  },
  response: mergeResponse,
};

const undoSchema = {
  tags: ['Data'],
  summary: 'Undo a merge',
  description: 'Restores the merged records, moves links, shares and history back and gives the survivor its previous values. Once per merge (409 after).',
  params: { type: 'object', required: ['id'], properties: { id: uuid } },
  response: mergeResponse,
};

type ObjectRequest<Body = unknown> = FastifyRequest<{ Params: { object: string }; Body: Body }>;

/** Registers the duplicate and merge commands. */
export function duplicateRoutes(app: FastifyInstance, { callerOf }: ModuleRouteContext): void {
  app.post('/api/v1/:object/duplicates/check', { schema: checkSchema }, async (request: ObjectRequest<{ record: RecordValues; excludeId?: string }>) => ({
    data: await findDuplicates(callerOf(request), request.params.object, request.body.record, request.body.excludeId),
  }));

  app.get('/api/v1/:object/duplicates/report', {
    schema: { tags: ['Data'], summary: 'The duplicate report of an object', description: 'The groups of the last report, cut to the records the caller may read.', params: objectParams, response: reportResponse },
  }, (request: ObjectRequest) => readDuplicateReport(callerOf(request), request.params.object));

  app.post('/api/v1/:object/duplicates/report', {
    schema: { tags: ['Data'], summary: 'Refresh the duplicate report now', description: 'Administrators only; the nightly job does the same.', params: objectParams, response: reportResponse },
  }, async (request: ObjectRequest) => {
    const caller = callerOf(request);
    assertAdmin(caller.ctx);
    caller.registry.get(request.params.object);
    await refreshDuplicateReport(caller, request.params.object, new Date());
    return readDuplicateReport(caller, request.params.object);
  });

  app.post('/api/v1/:object/merge', { schema: mergeSchema }, (request: ObjectRequest<MergeInput>) =>
    mergeRecords(callerOf(request), request.params.object, request.body),
  );

  app.post('/api/v1/merges/:id/undo', { schema: undoSchema }, (request: FastifyRequest<{ Params: { id: string } }>) =>
    undoMerge(callerOf(request), request.params.id),
  );
}
