// Metadata (objects and fields) and global search routes.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Database } from '../platform/db/index.ts';
import { notFound } from '../platform/http/problem.ts';
import { addCustomField, createCustomObject, customFieldSchema, customObjectSchema, deleteCustomField, type CustomFieldInput, type CustomObjectInput } from './metadata.ts';
import type { Registry } from './registry.ts';
import { search } from './search.ts';
import { searchRebuildJobRef, type SearchRebuildPayload } from './search-rebuild.ts';
import type { JobDefinition } from '../platform/jobs/index.ts';
import { assertAdmin, canDo } from '../platform/access/index.ts';
import { objectActions } from '../platform/access/permissions.ts';
import type { RequestContext } from '../platform/auth/context.ts';
import { definitionFor } from './access.ts';
import type { DescribedObject, ObjectDefinition } from './types.ts';

/** An object as the API shows it: its definition (without the table) and what the caller may do with it. */
const describe = (def: ObjectDefinition, ctx: RequestContext): DescribedObject => {
  const { table: _table, ...rest } = def;
  return { ...rest, actions: objectActions.filter((action) => canDo(ctx, def.name, action)) };
};

const objectName = { type: 'string', maxLength: 63 } as const;
const objectParams = { type: 'object', required: ['object'], properties: { object: objectName } } as const;
const fieldParams = { type: 'object', required: ['object', 'field'], properties: { object: objectName, field: objectName } } as const;

/** Registers /api/v1/metadata/… and /api/v1/search. */
export function registerMetadataRoutes(app: FastifyInstance, db: Database, registry: Registry): void {
  const tags = ['Metadata'];

  const caller = (request: FastifyRequest) => ({ db, registry, ctx: request.ctx });
  app.get('/api/v1/metadata/objects', { schema: { tags, summary: 'List objects with their fields' } }, async (request) => ({
    data: registry
      .all()
      .map((def) => definitionFor(caller(request), def))
      .filter((def): def is ObjectDefinition => Boolean(def))
      .map((def) => describe(def, request.ctx)),
  }));
  app.get<{ Params: { object: string } }>(
    '/api/v1/metadata/objects/:object',
    { schema: { tags, summary: 'One object with its fields', params: objectParams } },
    async (request) => {
      const def = definitionFor(caller(request), registry.get(request.params.object));
      if (!def) throw notFound(`The object "${request.params.object.slice(0, 100)}"`);
      return describe(def, request.ctx);
    },
  );
  app.post<{ Body: CustomObjectInput }>(
    '/api/v1/metadata/objects',
    { schema: { tags, summary: 'Create a custom object', body: customObjectSchema } },
    async (request, reply) => {
      assertAdmin(request.ctx);
      const def = await createCustomObject(db, registry, request.ctx, request.body);
      return reply.status(201).send(describe(def, request.ctx));
    },
  );
  app.post<{ Params: { object: string }; Body: CustomFieldInput }>(
    '/api/v1/metadata/objects/:object/fields',
    { schema: { tags, summary: 'Add a custom field', params: objectParams, body: customFieldSchema } },
    async (request, reply) => {
      assertAdmin(request.ctx);
      return reply.status(201).send(await addCustomField(db, registry, request.ctx, request.params.object, request.body));
    },
  );
  app.delete<{ Params: { object: string; field: string } }>(
    '/api/v1/metadata/objects/:object/fields/:field',
    { schema: { tags, summary: 'Delete a custom field and its data', params: fieldParams } },
    async (request, reply) => {
      assertAdmin(request.ctx);
      const { object, field } = request.params;
      // Queued in the deleting transaction: the rebuild runs exactly when the field is really gone.
      const rebuildSearch = (tx: Database) => app.jobs.enqueue(searchRebuildJobRef as JobDefinition<SearchRebuildPayload>, { object }, { tx });
      await deleteCustomField(db, registry, request.ctx, object, field, rebuildSearch);
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
          properties: {
            q: { type: 'string', maxLength: 200, description: 'words or parts of words, in Chinese or English' },
            objects: { type: 'string', maxLength: 1000, description: 'comma-separated objects to search (all by default)' },
            limit: { type: 'integer', format: 'int32', minimum: 1, maximum: 100, default: 20 },
          },
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
