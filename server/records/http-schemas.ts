// Schemas of the records API's path and query parameters: the routes validate with them and the
// OpenAPI document lists them as parameters, so both always say the same.
import type { JsonSchema } from './fields.ts';

const int32 = (minimum: number, maximum: number) => ({ type: 'integer', format: 'int32', minimum, maximum });

/** GET /{object}/{id}/history and …/timeline. */
export const pageQuerySchema = {
  type: 'object',
  properties: {
    limit: { ...int32(1, 500), default: 50, description: 'records per page' },
    cursor: { type: 'string', maxLength: 2000, description: 'nextCursor of the previous page' },
  },
} as const;

/** GET /{object}: filters, sorts, fields and pages. */
export const listQuerySchema = {
  type: 'object',
  properties: {
    filter: { type: 'string', maxLength: 4000, description: "e.g. `city eq '上海' and createdAt gte '2026-01-01'` (see docs/api.md)" },
    sort: { type: 'string', maxLength: 500, description: 'e.g. `-amount,name`' },
    ...pageQuerySchema.properties,
    fields: { type: 'string', maxLength: 4000, description: 'comma-separated fields to return (id and version always come back)' },
    count: { type: 'boolean', description: 'add `total`, the number of all matching records' },
    deleted: { type: 'boolean', description: 'list the recycle bin' },
  },
} as const;

/** GET /{object}/aggregate: counts and sums, optionally grouped. */
export const aggregateQuerySchema = {
  type: 'object',
  properties: {
    filter: listQuerySchema.properties.filter,
    groupBy: { type: 'string', maxLength: 80, description: 'a field (`stage`, `ownerId`) or a date and a period (`closeDate:month`: day, week, month, quarter, year)' },
    sum: { type: 'string', maxLength: 700, description: 'comma-separated number, percent or currency fields to add up (currency: per currency)' },
  },
} as const;

/** A record's path: /{object}/{id}. */
export const recordParamsSchema = {
  type: 'object',
  properties: { object: { type: 'string', maxLength: 63 }, id: { type: 'string', maxLength: 64 } },
} as const;

/** OpenAPI parameter objects for the properties of a query schema. */
export function queryParameters(schema: { properties: Record<string, JsonSchema> }): JsonSchema[] {
  return Object.entries(schema.properties).map(([name, { description, ...property }]) => ({
    name,
    in: 'query',
    schema: property,
    ...(description ? { description } : {}),
  }));
}
