// POST /{object}/query: a list whose filter, sort and fields come as JSON (docs/api.md "Queries"), for
// clients generated from the OpenAPI document. It runs listRecords, the very code of GET /{object}:
// the same access, field security, sort and keyset cursors, so both give the same records.
import { Problem } from '../platform/http/problem.ts';
import { fieldErrorsFromAjv } from '../platform/http/ajv-errors.ts';
import type { ErrorObject } from 'ajv';
import type { Caller } from './caller.ts';
import { filterFromJson, filterValidationSchema, type JsonFilter } from './filter-json.ts';
import { listRecords, type ListResult } from './read.ts';
import { pageQuerySchema } from './http-schemas.ts';
import type { JsonSchema } from './fields.ts';

export interface QueryBody {
  filter?: JsonFilter;
  sort?: string[];
  fields?: string[];
  limit?: number;
  cursor?: string;
  count?: boolean;
  deleted?: boolean;
}

const name = { type: 'string', minLength: 1, maxLength: 200, pattern: '^[A-Za-z_]\\w*$' };

/** The body's properties; `filter` is the node schema the caller passes (validator or document form). */
export function queryBodySchema(filter: JsonSchema): JsonSchema {
  return {
    type: 'object',
    additionalProperties: false,
    properties: {
      filter,
      sort: {
        type: 'array',
        maxItems: 5,
        items: { ...name, pattern: '^-?[A-Za-z_]\\w*$' },
        description: 'fields to sort by, `-` first for descending (e.g. `["-amount", "name"]`); default `["-createdAt"]`',
      },
      fields: { type: 'array', maxItems: 300, items: name, description: 'the fields to return (id and version always come back)' },
      ...pageQuerySchema.properties,
      count: { type: 'boolean', description: 'add `total`, the number of all matching records' },
      deleted: { type: 'boolean', description: 'list the recycle bin' },
    },
  };
}

/** The route's own validation schema: the filter node refers to itself through `$defs`. */
export const queryRouteSchema = {
  ...queryBodySchema({ $ref: '#/$defs/filter' }),
  $defs: { filter: filterValidationSchema({ $ref: '#/$defs/filter' }) },
};

/** The 400 for a body the schema refused, each error naming its node by JSON pointer too. */
export function invalidQueryBody(validation: readonly ErrorObject[]): Problem {
  return new Problem(400, { key: 'detail.validation' }, fieldErrorsFromAjv(validation, { isPointing: true }));
}

/** Lists records matching a JSON query (the body was validated against queryRouteSchema). */
export function queryRecords(c: Caller, objectName: string, body: QueryBody): Promise<ListResult> {
  return listRecords(c, objectName, {
    filter: body.filter === undefined ? undefined : filterFromJson(body.filter),
    sort: body.sort?.join(','),
    fields: body.fields?.join(','),
    limit: body.limit,
    cursor: body.cursor,
    count: body.count,
    isDeleted: body.deleted,
  });
}
