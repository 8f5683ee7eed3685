// /api/v1/views (saved list and board views) and /api/v1/navigation (the menu), plus the
// administrator's /api/v1/admin/navigation.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { assertAdmin } from '../platform/access/index.ts';
import type { Database } from '../platform/db/index.ts';
import type { Caller } from '../records/index.ts';
import type { Registry } from '../records/index.ts';
import { createView, deleteView, getView, listShareableTeams, listViews, updateView, viewBodySchema, viewPatchSchema } from './views.ts';
import { findTeams, teamDirectoryQuery } from './directory.ts';
import { getNavigation, getNavigationSettings, navigationBodySchema, setNavigation } from './navigation.ts';

const idParams = Type.Object({ id: Type.String({ format: 'uuid' }) });

/** Registers the workspace routes. */
export function registerWorkspaceRoutes(app: FastifyInstance, db: Database, registry: Registry): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const caller = (request: FastifyRequest): Caller => ({ db, registry, ctx: request.ctx });
  const tags = ['Views and navigation'];

  api.get('/api/v1/views', { schema: { tags, summary: 'Saved views of an object', querystring: Type.Object({ object: Type.String({ minLength: 1, maxLength: 63 }) }) } }, (r) =>
    listViews(caller(r), r.query.object),
  );
  api.post('/api/v1/views', { schema: { tags, summary: 'Save a view', body: viewBodySchema } }, async (r, reply) =>
    reply.status(201).send(await createView(caller(r), r.body)),
  );
  api.get('/api/v1/views/teams', { schema: { tags, summary: 'The teams you may share a view with' } }, (r) => listShareableTeams(caller(r)));
  api.get('/api/v1/views/:id', { schema: { tags, params: idParams } }, (r) => getView(caller(r), r.params.id));
  api.patch('/api/v1/views/:id', { schema: { tags, params: idParams, body: viewPatchSchema } }, (r) => updateView(caller(r), r.params.id, r.body));
  api.delete('/api/v1/views/:id', { schema: { tags, params: idParams } }, async (r, reply) => {
    await deleteView(caller(r), r.params.id);
    return reply.status(204).send();
  });

  api.get('/api/v1/teams', { schema: { tags, summary: 'Find teams by name (to share a record or view with one)', querystring: teamDirectoryQuery } }, (r) =>
    findTeams(db, r.query.q, r.query.limit, r.query.ids),
  );

  api.get('/api/v1/navigation', { schema: { tags, summary: 'The objects of your menu, in order' } }, (r) => getNavigation(caller(r)));
  api.get('/api/v1/admin/navigation', { schema: { tags, summary: 'The menu for everyone, hidden objects included' } }, (r) => {
    assertAdmin(r.ctx);
    return getNavigationSettings(caller(r));
  });
  api.put('/api/v1/admin/navigation', { schema: { tags, summary: 'Arrange the menu for everyone', body: navigationBodySchema } }, (r) => {
    assertAdmin(r.ctx);
    return setNavigation(caller(r), r.body);
  });
}
