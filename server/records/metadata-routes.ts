// Metadata (objects and fields) and global search routes.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Database } from '../platform/db/index.ts';
import { Problem } from '../platform/http/problem.ts';
import { addCustomField, createCustomObject, deleteCustomField, fieldBodySchema, objectBodySchema } from './metadata.ts';
import type { Registry } from './registry.ts';
import { search } from './search.ts';
import { assertAdmin } from '../platform/access/index.ts';
import { definitionFor } from './access.ts';
import type { FieldDefinition, ObjectDefinition } from './types.ts';

const describe = (def: ObjectDefinition) => {
  const { table: _table, ...rest } = def;
  return rest;
};

/** Registers /api/v1/metadata/… and /api/v1/search. */
export function registerMetadataRoutes(app: FastifyInstance, db: Database, registry: Registry): void {
  const tags = ['Metadata'];

  const caller = (request: FastifyRequest) => ({ db, registry, ctx: request.ctx });
  app.get('/api/v1/metadata/objects', { schema: { tags, summary: 'List objects with their fields' } }, async (request) => ({
    data: registry
      .all()
      .map((def) => definitionFor(caller(request), def))
      .filter((def): def is ObjectDefinition => Boolean(def))
      .map(describe),
  }));
  app.get<{ Params: { object: string } }>(
    '/api/v1/metadata/objects/:object',
    { schema: { tags, summary: 'One object with its fields', params: { type: 'object', properties: { object: { type: 'string' } } } } },
    async (request) => {
      const def = definitionFor(caller(request), registry.get(request.params.object));
      if (!def) throw new Problem(404, `The object "${request.params.object.slice(0, 100)}" was not found.`);
      return describe(def);
    },
  );
  app.post<{ Body: Parameters<typeof createCustomObject>[3] }>(
    '/api/v1/metadata/objects',
    { schema: { tags, summary: 'Create a custom object', body: objectBodySchema } },
    async (request, reply) => {
      assertAdmin(request.ctx);
      const def = await createCustomObject(db, registry, request.ctx, request.body);
      return reply.status(201).send(describe(def));
    },
  );
  app.post<{ Params: { object: string }; Body: FieldDefinition }>(
    '/api/v1/metadata/objects/:object/fields',
    { schema: { tags, summary: 'Add a custom field', body: fieldBodySchema } },
    async (request, reply) => {
      assertAdmin(request.ctx);
      return reply.status(201).send(await addCustomField(db, registry, request.ctx, request.params.object, request.body));
    },
  );
  app.delete<{ Params: { object: string; field: string } }>(
    '/api/v1/metadata/objects/:object/fields/:field',
    { schema: { tags, summary: 'Delete a custom field and its data' } },
    async (request, reply) => {
      assertAdmin(request.ctx);
      await deleteCustomField(db, registry, request.ctx, request.params.object, request.params.field);
      return reply.status(204).send();
    },
  );
  app.get<{ Querystring: { q: string; objects?: string; limit?: number } }>(
    '/api/v1/search',
    {
      schema: {
        tags: ['Search'],
        summary: 'Search every object (Chinese and English)',
        querystring: {
          type: 'object',
          required: ['q'],
          properties: { q: { type: 'string' }, objects: { type: 'string', maxLength: 1000 }, limit: { type: 'integer' } },
        },
      },
    },
    (request) =>
      search(caller(request), request.query.q, {
        objects: request.query.objects?.split(',').filter(Boolean),
        limit: request.query.limit,
      }),
  );
}
