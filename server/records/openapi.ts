// The OpenAPI 3.1 document: fixed routes come from their Fastify schemas (@fastify/swagger); record
// routes are generated here from the live definitions, so custom objects and fields appear at once.
import { allFields } from './columns.ts';
import { outputSchemaOf, type JsonSchema } from './fields.ts';
import { writeSchema } from './validation.ts';
import type { Registry } from './registry.ts';
import type { ObjectDefinition } from './types.ts';
import { bulkBodySchema } from './bulk.ts';
import { filterDocumentSchema } from './filter-json.ts';
import { queryBodySchema } from './query.ts';
import { shareBodySchema } from './shares.ts';
import { aggregateQuerySchema, listQuerySchema, pageQuerySchema, queryParameters } from './http-schemas.ts';

type Doc = { paths?: Record<string, unknown>; components?: { schemas?: Record<string, unknown> }; [k: string]: unknown };

const pascal = (name: string) => name.replace(/(^|[_-])([a-z])/g, (_, __, c: string) => c.toUpperCase());
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const problem = (description: string) => ({ description, content: { 'application/problem+json': { schema: ref('Problem') } } });
const json = (schema: JsonSchema, description = 'OK') => ({ description, content: { 'application/json': { schema } } });

const errors = {
  '400': problem('Invalid input; `errors` lists each field'),
  '401': problem('Missing or invalid API key'),
  '403': problem('Not allowed'),
  '404': problem('No such record (or not visible to you)'),
};

const text = (maxLength: number) => ({ type: 'string', maxLength });

const problemSchema = {
  type: 'object',
  required: ['type', 'title', 'status'],
  properties: {
    type: text(2000),
    title: text(500),
    status: { type: 'integer', format: 'int32', minimum: 400, maximum: 599 },
    detail: text(4000),
    instance: text(2000),
    code: text(100),
    errors: {
      type: 'array',
      maxItems: 1000,
      items: {
        type: 'object',
        required: ['field', 'code', 'message'],
        properties: {
          field: text(500),
          code: text(100),
          message: text(1000),
          pointer: { ...text(2000), description: 'the bad value as a JSON pointer into the body (POST …/query)' },
        },
      },
    },
  },
};

function recordSchema(def: ObjectDefinition): JsonSchema {
  const properties: Record<string, JsonSchema> = {};
  for (const field of [...allFields({ ...def, fields: [] }), ...def.fields]) {
    properties[field.name] = { ...outputSchemaOf(field), description: `${field.label.en} / ${field.label['zh-CN']}` };
  }
  properties.id = { type: 'string', format: 'uuid', maxLength: 36 };
  properties.version = { type: 'integer', format: 'int32', minimum: 1, maximum: 2_147_483_647 };
  // Only these come back whatever `fields` asks for; every other field is there unless left out by it.
  return { type: 'object', title: def.label.en, required: ['id', 'version'], properties };
}

/** The answer of `/{object}/{id}/lock`: a write guard's refusal as it would be given, or none, and the caller's rights on the record. */
const lockAnswer = {
  type: 'object',
  required: ['isLocked', 'code', 'detail', 'canEdit', 'canDelete', 'canChangeOwner'],
  properties: {
    isLocked: { type: 'boolean' },
    code: { anyOf: [text(100), { type: 'null' }], description: "the refusal's code, e.g. record-locked" },
    detail: { anyOf: [text(2000), { type: 'null' }], description: 'why, in your language' },
    canEdit: { type: 'boolean', description: 'your access lets you change this record (and its files); a lock refuses it meanwhile' },
    canDelete: { type: 'boolean', description: 'you may move it to the recycle bin' },
    canChangeOwner: { type: 'boolean', description: 'you may give it to another owner' },
  },
};
const idParam = { name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid', maxLength: 36 } };
const ifMatch = { name: 'If-Match', in: 'header', schema: text(20), description: 'The ETag (version) you read; a stale one gives 412.' };
const idempotencyKey = { name: 'Idempotency-Key', in: 'header', schema: text(255), description: 'A retry with the same key replays the first response.' };
const nextCursor = { type: ['string', 'null'], maxLength: 2000, description: 'pass as `cursor` for the next page; null on the last one' };
const page = (items: JsonSchema) => ({
  type: 'object',
  required: ['data', 'nextCursor'],
  properties: { data: { type: 'array', maxItems: 500, items }, nextCursor },
});
const entry = { type: 'object', additionalProperties: true };
const money = { type: 'object', required: ['amount', 'currency'], properties: { amount: text(40), currency: text(3) } };
const aggregateResult = {
  type: 'object',
  required: ['data'],
  properties: {
    data: {
      type: 'array',
      maxItems: 500,
      items: {
        type: 'object',
        required: ['count', 'sums'],
        properties: {
          key: { description: 'the group: a field value, or the first day of a period; absent without groupBy' },
          count: { type: 'integer', format: 'int64', minimum: 0, maximum: Number.MAX_SAFE_INTEGER },
          sums: { type: 'object', additionalProperties: { anyOf: [{ type: 'number' }, { type: 'array', maxItems: 200, items: money }] } },
        },
      },
    },
  },
};

function objectPaths(def: ObjectDefinition): Record<string, unknown> {
  const name = pascal(def.name);
  const tags = [def.label.en];
  const list = page(ref(name));
  list.properties = { ...list.properties, total: { type: 'integer', format: 'int64', minimum: 0, maximum: Number.MAX_SAFE_INTEGER } } as typeof list.properties;
  const paths: Record<string, unknown> = {
    [`/api/v1/${def.name}`]: {
      get: {
        tags,
        operationId: `list${name}`,
        summary: `List ${def.labelPlural.en.toLowerCase()}`,
        parameters: queryParameters(listQuerySchema),
        responses: { '200': json(list), ...errors },
      },
      ...(def.isReadOnly
        ? {}
        : {
            post: {
              tags,
              operationId: `create${name}`,
              parameters: [idempotencyKey],
              requestBody: { required: true, content: { 'application/json': { schema: ref(`${name}Create`) } } },
              responses: { '201': json(ref(name), 'Created'), ...errors, '409': problem('A unique value is taken') },
            },
          }),
    },
    [`/api/v1/${def.name}/query`]: {
      post: {
        tags,
        operationId: `query${name}`,
        summary: `List ${def.labelPlural.en.toLowerCase()} matching a JSON filter`,
        description: 'The list of GET with its filter, sort and fields as JSON: the same records, pages and cursors. Only reads.',
        requestBody: { required: true, content: { 'application/json': { schema: ref('Query') } } },
        responses: { '200': json(list), ...errors },
      },
    },
    [`/api/v1/${def.name}/aggregate`]: {
      get: {
        tags,
        operationId: `aggregate${name}`,
        summary: `Count and add up ${def.labelPlural.en.toLowerCase()}, optionally grouped`,
        parameters: queryParameters(aggregateQuerySchema),
        responses: { '200': json(aggregateResult), ...errors },
      },
    },
    [`/api/v1/${def.name}/{id}`]: {
      get: { tags, operationId: `get${name}`, parameters: [idParam], responses: { '200': json(ref(name)), ...errors } },
      ...(def.isReadOnly
        ? {}
        : {
            patch: {
              tags,
              operationId: `update${name}`,
              parameters: [idParam, ifMatch],
              requestBody: { required: true, content: { 'application/json': { schema: ref(`${name}Update`) } } },
              responses: { '200': json(ref(name)), ...errors, '412': problem('The record changed since you read it') },
            },
            delete: {
              tags,
              operationId: `delete${name}`,
              parameters: [idParam, ifMatch],
              responses: { '204': { description: 'Moved to the recycle bin' }, ...errors, '412': problem('Stale version') },
            },
          }),
    },
    [`/api/v1/${def.name}/{id}/history`]: {
      get: { tags, operationId: `history${name}`, parameters: [idParam, ...queryParameters(pageQuerySchema)], responses: { '200': json(page(entry)), ...errors } },
    },
    [`/api/v1/${def.name}/{id}/timeline`]: {
      get: { tags, operationId: `timeline${name}`, parameters: [idParam, ...queryParameters(pageQuerySchema)], responses: { '200': json(page(entry)), ...errors } },
    },
    [`/api/v1/${def.name}/{id}/lock`]: {
      get: {
        tags,
        operationId: `lock${name}`,
        summary: 'What you may do with this record: your rights on it, and whether changes are refused now (a lock), with the reason in your language',
        parameters: [idParam],
        responses: { '200': json(lockAnswer), ...errors },
      },
    },
  };
  if (!def.isReadOnly) {
    paths[`/api/v1/${def.name}/{id}/restore`] = {
      post: { tags, operationId: `restore${name}`, parameters: [idParam], responses: { '200': json(ref(name)), ...errors } },
    };
    paths[`/api/v1/${def.name}/bulk`] = {
      post: {
        tags,
        operationId: `bulk${name}`,
        requestBody: { required: true, content: { 'application/json': { schema: bulkBodySchema } } },
        responses: { '200': json({ type: 'object', additionalProperties: true }), ...errors },
      },
    };
    const shares = { type: 'object', required: ['data'], properties: { data: { type: 'array', maxItems: 1000, items: entry } } };
    paths[`/api/v1/${def.name}/{id}/shares`] = {
      get: { tags, operationId: `shares${name}`, summary: 'Who this record is shared with', parameters: [idParam], responses: { '200': json(shares), ...errors } },
      post: {
        tags,
        operationId: `share${name}`,
        summary: 'Share this record with a user or team',
        parameters: [idParam],
        requestBody: { required: true, content: { 'application/json': { schema: shareBodySchema } } },
        responses: { '201': json(entry, 'Shared'), ...errors },
      },
    };
    paths[`/api/v1/${def.name}/{id}/shares/{principalType}/{principalId}`] = {
      delete: {
        tags,
        operationId: `unshare${name}`,
        summary: 'Stop sharing this record with a user or team',
        parameters: [
          idParam,
          { name: 'principalType', in: 'path', required: true, schema: { type: 'string', enum: ['user', 'team', 'everyone'] } },
          { name: 'principalId', in: 'path', required: true, schema: { type: 'string', format: 'uuid', maxLength: 36 } },
        ],
        responses: { '204': { description: 'No longer shared' }, ...errors },
      },
    };
    const externalFields = def.fields.filter((f) => f.isExternalId).map((f) => f.name);
    if (externalFields.length) {
      paths[`/api/v1/${def.name}/by/{externalField}/{value}`] = {
        put: {
          tags,
          operationId: `upsert${name}`,
          parameters: [
            { name: 'externalField', in: 'path', required: true, schema: { type: 'string', enum: externalFields } },
            { name: 'value', in: 'path', required: true, schema: text(255) },
          ],
          requestBody: { required: true, content: { 'application/json': { schema: ref(`${name}Update`) } } },
          responses: { '200': json(ref(name), 'Updated'), '201': json(ref(name), 'Created'), ...errors },
        },
      };
    }
  }
  return paths;
}

/** Which objects and fields a reader of the document may know about. */
export interface OpenApiView {
  /** The definition as this reader sees it (hidden fields removed), or undefined to leave it out. */
  viewOf(def: ObjectDefinition): ObjectDefinition | undefined;
}

/** Adds the record paths and schemas of every object the reader may see to the fixed part. */
export function buildOpenApi(base: Doc, registry: Registry, view: OpenApiView): Doc {
  const doc = structuredClone(base);
  doc.paths ??= {};
  doc.components ??= {};
  doc.components.schemas ??= {};
  doc.components.schemas.Problem = problemSchema;
  doc.components.schemas.Filter = filterDocumentSchema(ref('Filter'));
  doc.components.schemas.Query = queryBodySchema(ref('Filter'));
  for (const def of registry.all().map((d) => view.viewOf(d)).filter((d): d is ObjectDefinition => Boolean(d))) {
    const name = pascal(def.name);
    doc.components.schemas[name] = recordSchema(def);
    if (!def.isReadOnly) {
      doc.components.schemas[`${name}Create`] = writeSchema(def, 'create');
      doc.components.schemas[`${name}Update`] = writeSchema(def, 'update');
    }
    Object.assign(doc.paths, objectPaths(def));
  }
  return doc;
}
