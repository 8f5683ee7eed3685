// The OpenAPI 3.1 document: fixed routes come from their Fastify schemas (@fastify/swagger); record
// routes are generated here from the live definitions, so custom objects and fields appear at once.
import { allFields } from './columns.ts';
import { outputSchemaOf, type JsonSchema } from './fields.ts';
import { writeSchema } from './validation.ts';
import type { Registry } from './registry.ts';
import type { ObjectDefinition } from './types.ts';
import { bulkBodySchema } from './bulk.ts';

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

const problemSchema = {
  type: 'object',
  properties: {
    type: { type: 'string' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    instance: { type: 'string' },
    errors: {
      type: 'array',
      items: { type: 'object', properties: { field: { type: 'string' }, code: { type: 'string' }, message: { type: 'string' } } },
    },
  },
};

function recordSchema(def: ObjectDefinition): JsonSchema {
  const properties: Record<string, JsonSchema> = {};
  for (const field of [...allFields({ ...def, fields: [] }), ...def.fields]) {
    properties[field.name] = { ...outputSchemaOf(field), description: `${field.label.en} / ${field.label['zh-CN']}` };
  }
  properties.id = { type: 'string', format: 'uuid' };
  properties.version = { type: 'integer' };
  return { type: 'object', title: def.label.en, properties };
}

const idParam = { name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } };
const ifMatch = { name: 'If-Match', in: 'header', schema: { type: 'string' }, description: 'The ETag (version) you read; a stale one gives 412.' };
const pageParams = [
  { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 500, default: 50 } },
  { name: 'cursor', in: 'query', schema: { type: 'string' }, description: 'nextCursor of the previous page' },
];

function objectPaths(def: ObjectDefinition): Record<string, unknown> {
  const name = pascal(def.name);
  const tags = [def.label.en];
  const list = { type: 'object', properties: { data: { type: 'array', items: ref(name) }, nextCursor: { type: ['string', 'null'] }, total: { type: 'integer' } } };
  const page = { type: 'object', properties: { data: { type: 'array', items: { type: 'object' } }, nextCursor: { type: ['string', 'null'] } } };
  const paths: Record<string, unknown> = {
    [`/api/v1/${def.name}`]: {
      get: {
        tags,
        operationId: `list${name}`,
        summary: `List ${def.labelPlural.en.toLowerCase()}`,
        parameters: [
          { name: 'filter', in: 'query', schema: { type: 'string' }, description: "e.g. `city eq '上海' and createdAt gte '2026-01-01'` (see docs/api.md)" },
          { name: 'sort', in: 'query', schema: { type: 'string' }, description: 'e.g. `-amount,name`' },
          { name: 'fields', in: 'query', schema: { type: 'string' }, description: 'comma-separated fields to return' },
          { name: 'count', in: 'query', schema: { type: 'boolean' } },
          { name: 'deleted', in: 'query', schema: { type: 'boolean' }, description: 'list the recycle bin' },
          ...pageParams,
        ],
        responses: { '200': json(list), ...errors },
      },
      ...(def.isReadOnly
        ? {}
        : {
            post: {
              tags,
              operationId: `create${name}`,
              parameters: [{ name: 'Idempotency-Key', in: 'header', schema: { type: 'string' } }],
              requestBody: { required: true, content: { 'application/json': { schema: ref(`${name}Create`) } } },
              responses: { '201': json(ref(name), 'Created'), ...errors, '409': problem('A unique value is taken') },
            },
          }),
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
      get: { tags, operationId: `history${name}`, parameters: [idParam, ...pageParams], responses: { '200': json(page), ...errors } },
    },
    [`/api/v1/${def.name}/{id}/timeline`]: {
      get: { tags, operationId: `timeline${name}`, parameters: [idParam, ...pageParams], responses: { '200': json(page), ...errors } },
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
        responses: { '200': json({ type: 'object' }), ...errors },
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
            { name: 'value', in: 'path', required: true, schema: { type: 'string' } },
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
