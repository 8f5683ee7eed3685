// The network module's HTTP reads; each goes through the records engine with the caller's access.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ModuleRouteContext } from '../../records/index.ts';
import { MAX_DEPTH, MAX_PATHS } from './paths.ts';
import { connectionPaths, MAX_NEIGHBOURS, MAX_ORG_CHART, neighbourhood, orgChart, parseTypeIds } from './service.ts';

const uuid = { type: 'string', format: 'uuid', maxLength: 36 };
const nullableText = { type: ['string', 'null'], maxLength: 1000 };
const nullableId = { type: ['string', 'null'], format: 'uuid', maxLength: 36 };
const nullableDate = { type: ['string', 'null'], format: 'date', maxLength: 10 };
const nodeObject = { type: 'string', enum: ['accounts', 'contacts'] };
const node = {
  type: 'object',
  properties: { id: uuid, object: nodeObject, title: nullableText, subtitle: nullableText, isMine: { type: 'boolean' } },
};
// Every field is optional: one the caller may not see is left out.
const edge = {
  type: 'object',
  properties: {
    id: uuid, fromObject: nodeObject, fromId: uuid, toObject: nodeObject, toId: uuid, typeId: nullableId,
    direction: { type: ['string', 'null'], enum: ['directed', 'mutual', null] }, strength: { type: ['number', 'null'], minimum: 1, maximum: 5 }, source: nullableText,
    startDate: nullableDate, endDate: nullableDate, note: { type: ['string', 'null'], maxLength: 100000 },
  },
};
const types = { type: 'string', maxLength: 2000, description: 'relationship type ids, separated by commas (none: every type)' };

const neighboursSchema = {
  tags: ['Network'],
  summary: "A record's relationships and the records at their other end",
  description: 'Only relationships and records the caller may read; the graph view expands a node with it. 404 for a record the caller cannot read.',
  params: { type: 'object', required: ['object', 'id'], properties: { object: { type: 'string', enum: ['accounts', 'contacts'] }, id: { type: 'string', maxLength: 64 } } },
  querystring: { type: 'object', additionalProperties: false, properties: { types } },
  response: {
    200: {
      type: 'object',
      properties: { node, nodes: { type: 'array', maxItems: MAX_NEIGHBOURS, items: node }, edges: { type: 'array', maxItems: MAX_NEIGHBOURS, items: edge }, hasMore: { type: 'boolean' } },
    },
  },
};

const pathsSchema = {
  tags: ['Network'],
  summary: 'Who connects us to a record: the k shortest paths from my records',
  description:
    `Paths start at an account or contact the caller owns and end at the target; they pass only through records and relationships the caller may read. ` +
    `At most ${MAX_PATHS} paths of at most ${MAX_DEPTH} relationships, shortest first.`,
  querystring: {
    type: 'object',
    required: ['targetObject', 'targetId'],
    additionalProperties: false,
    properties: {
      targetObject: { type: 'string', enum: ['accounts', 'contacts'] },
      targetId: uuid,
      k: { type: 'integer', format: 'int32', minimum: 1, maximum: MAX_PATHS, default: 3 },
      depth: { type: 'integer', format: 'int32', minimum: 1, maximum: MAX_DEPTH, default: MAX_DEPTH },
      types,
    },
  },
  response: {
    200: {
      type: 'object',
      properties: {
        target: { anyOf: [node, { type: 'null' }] },
        data: { type: 'array', maxItems: MAX_PATHS, items: {
            type: 'object',
            properties: {
              length: { type: 'integer', format: 'int32', minimum: 0, maximum: MAX_DEPTH },
              nodes: { type: 'array', maxItems: MAX_DEPTH + 1, items: node },
              edges: { type: 'array', maxItems: MAX_DEPTH, items: edge },
            },
          },
        },
      },
    },
  },
};

const orgChartSchema = {
  tags: ['Network'],
  summary: "An account's org chart",
  description: 'The contacts of the account the caller may read, each with the contact they report to (null for the top of a branch).',
  params: { type: 'object', required: ['id'], properties: { id: uuid } },
  response: {
    200: {
      type: 'object',
      properties: {
        data: { type: 'array', maxItems: MAX_ORG_CHART, items: { type: 'object', properties: { id: uuid, name: nullableText, title: nullableText, reportsToId: nullableId } } },
      },
    },
  },
};

interface PathsQuery {
  targetObject: string;
  targetId: string;
  k?: number;
  depth?: number;
  types?: string;
}

/** Registers the network reads. */
export function networkRoutes(app: FastifyInstance, { callerOf }: ModuleRouteContext): void {
  app.get('/api/v1/network/:object/:id/neighbors', { schema: neighboursSchema }, (request: FastifyRequest<{ Params: { object: string; id: string }; Querystring: { types?: string } }>) =>
    neighbourhood(callerOf(request), request.params.object, request.params.id, parseTypeIds(request.query.types)),
  );

  app.get('/api/v1/network/paths', { schema: pathsSchema }, (request: FastifyRequest<{ Querystring: PathsQuery }>) => {
    const { targetObject, targetId, k, depth, types: typeList } = request.query;
    return connectionPaths(callerOf(request), { targetObject, targetId, k, depth, typeIds: parseTypeIds(typeList) });
  });

  app.get('/api/v1/network/accounts/:id/org-chart', { schema: orgChartSchema }, (request: FastifyRequest<{ Params: { id: string } }>) =>
    orgChart(callerOf(request), request.params.id),
  );
}
