// The import routes: thin handlers, one service call each, with the caller's own access.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { localeOf } from '../../platform/http/problem.ts';
import type { JobDefinition } from '../../platform/jobs/index.ts';
import type { Locale } from '../../platform/i18n/index.ts';
import type { ModuleRouteContext } from '../../records/index.ts';
import { attachmentDisposition } from './filename.ts';
import { importJobRef, undoJobRef, type ImportJobPayload, type UndoJobPayload } from './import-job.ts';
import { changeSchema, deleteMappingSchema, dryRunSchema, getDryRunSchema, listMappingsSchema, listPresetsSchema, saveMappingSchema, errorsSchema, getSchema, listSchema, runSchema, undoSchema, uploadSchema } from './import-schemas.ts';
import { deleteMapping, listMappings, saveMapping } from './import-mappings.ts';
import { listPresets } from './import-presets.ts';
import type { ImportSettings } from './import-settings.ts';
import { dryRunJobRef, type DryRunJobPayload } from './import-dry-run.ts';
import type { Database } from '../../platform/db/index.ts';
import { changeImport, createImport, dryRun, errorFile, getDryRun, getImport, listImports, startImport, startUndo, type ImportChange } from './import-service.ts';

/** The largest file an import takes. */
export const MAX_IMPORT_BYTES = 50 * 1024 * 1024;

type ById = FastifyRequest<{ Params: { id: string }; Querystring: { locale?: Locale } }>;

/** Registers the import routes. */
export function importRoutes(app: FastifyInstance, { callerOf }: ModuleRouteContext): void {
  app.register(async (scope) => {
    // The file is the body, whatever Content-Type the browser gives it; its bytes decide how it is read.
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: MAX_IMPORT_BYTES }, (_request, body, done) => done(null, body));
    scope.post(
      '/api/v1/:object/imports',
      { schema: uploadSchema, bodyLimit: MAX_IMPORT_BYTES },
      async (request: FastifyRequest<{ Params: { object: string }; Querystring: { filename: string } }>, reply) =>
        reply.status(201).send(await createImport(callerOf(request), request.params.object, request.query.filename, request.body as Buffer)),
    );
  });
  app.get('/api/v1/imports', { schema: listSchema }, (request: FastifyRequest<{ Querystring: { object?: string } }>) =>
    listImports(callerOf(request), request.query.object),
  );
  app.get('/api/v1/imports/:id', { schema: getSchema }, (request: ById) => getImport(callerOf(request), request.params.id));
  app.patch('/api/v1/imports/:id', { schema: changeSchema }, (request: FastifyRequest<{ Params: { id: string }; Body: ImportChange }>) =>
    changeImport(callerOf(request), request.params.id, request.body),
  );
  app.post('/api/v1/imports/:id/dry-run', { schema: dryRunSchema }, async (request: ById, reply) => {
    const job = dryRunJobRef as JobDefinition<DryRunJobPayload>;
    const enqueue = (importId: string, token: string, tx: Database) => app.jobs.enqueue(job, { importId, token }, { tx });
    const result = await dryRun(callerOf(request), request.params.id, request.query.locale ?? localeOf(request), enqueue);
    return reply.status(result.status === 'running' ? 202 : 200).send(result);
  });
  app.get('/api/v1/imports/:id/dry-run', { schema: getDryRunSchema }, (request: ById) =>
    getDryRun(callerOf(request), request.params.id, request.query.locale ?? localeOf(request)),
  );
  app.post('/api/v1/imports/:id/run', { schema: runSchema }, async (request: ById, reply) => {
    const job = importJobRef as JobDefinition<ImportJobPayload>;
    const view = await startImport(callerOf(request), request.params.id, (importId, tx) => app.jobs.enqueue(job, { importId }, { tx }));
    return reply.status(202).send(view);
  });
  app.get('/api/v1/imports/:id/errors', { schema: errorsSchema, exposeHeadRoute: false }, async (request: ById, reply) => {
    const file = await errorFile(callerOf(request), request.params.id, request.query.locale ?? localeOf(request));
    const base = file.fileName.replace(/\.csv$/, '');
    return reply
      .header('Content-Type', `text/csv; charset=${file.charset}`)
      .header('Content-Disposition', attachmentDisposition(base, 'import-errors', 'csv', new Date()))
      .header('Cache-Control', 'no-store')
      .send(file.body);
  });
  app.post('/api/v1/imports/:id/undo', { schema: undoSchema }, async (request: ById, reply) => {
    const job = undoJobRef as JobDefinition<UndoJobPayload>;
    const caller = callerOf(request);
    const view = await startUndo(caller, request.params.id, (importId, tx) => app.jobs.enqueue(job, { importId, userId: caller.ctx.userId }, { tx }));
    return reply.status(202).send(view);
  });
  type ByObject = FastifyRequest<{ Params: { object: string }; Body: { name: string; settings: ImportSettings } }>;
  app.get('/api/v1/:object/import-mappings', { schema: listMappingsSchema }, (request: ByObject) => listMappings(callerOf(request), request.params.object));
  app.get('/api/v1/:object/import-presets', { schema: listPresetsSchema }, (request: ByObject) => listPresets(callerOf(request), request.params.object));
  app.post('/api/v1/:object/import-mappings', { schema: saveMappingSchema }, async (request: ByObject, reply) =>
    reply.status(201).send(await saveMapping(callerOf(request), request.params.object, request.body.name, request.body.settings)),
  );
  app.delete('/api/v1/import-mappings/:id', { schema: deleteMappingSchema }, async (request: ById, reply) => {
    await deleteMapping(callerOf(request), request.params.id);
    return reply.status(204).send();
  });
}
