// Builds the HTTP application from its parts. Used by `guanxi serve`, the tests and the benchmarks.
import Fastify, { type FastifyInstance } from 'fastify';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { Database } from './platform/db/index.ts';
import { installProblemHandlers } from './platform/http/problem.ts';
import { installIdempotency } from './platform/http/idempotency.ts';
import { installAuthentication } from './platform/auth/plugin.ts';
import type { Registry } from './records/registry.ts';
import { prepareDatabase } from './boot.ts';
import { registerRecordRoutes } from './records/routes.ts';
import { registerMetadataRoutes } from './records/metadata-routes.ts';
import { registerAdminRoutes } from './admin/routes.ts';
import { buildOpenApi } from './records/openapi.ts';
import { definitionFor } from './records/access.ts';
import type { ObjectDefinition } from './records/types.ts';

export interface AppOptions {
  db: Database;
  logLevel?: string;
  /** An already loaded registry (the CLI shares one); a new one is loaded otherwise. */
  registry?: Registry;
}

/** Creates the Fastify app; tables for every object exist when it resolves. */
export async function buildApp({ db, logLevel = 'warn', registry }: AppOptions): Promise<FastifyInstance> {
  registry ??= await prepareDatabase(db);
  const app = Fastify({
    logger: { level: logLevel, redact: ['req.headers.authorization', 'req.headers.cookie'] },
    bodyLimit: 1024 * 1024,
    ajv: { customOptions: { allErrors: true, coerceTypes: 'array', removeAdditional: false } },
  });
  installProblemHandlers(app);
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Guanxi CRM API', version: '1', description: 'Records, metadata and search. See docs/api.md.' },
      components: { securitySchemes: { apiKey: { type: 'http', scheme: 'bearer' } } },
      security: [{ apiKey: [] }],
    },
  });
  const fixedRoutes = () => app.swagger() as Record<string, unknown>;
  // The public reference shows the standard objects; /api/v1/openapi.json shows what the caller may see.
  const publicView = { viewOf: (def: ObjectDefinition) => (def.isCustom ? undefined : { ...def, fields: def.fields.filter((f) => !f.isCustom) }) };
  await app.register(swaggerUi, {
    routePrefix: '/api/docs',
    staticCSP: true,
    transformSpecification: () => buildOpenApi(fixedRoutes(), registry, publicView),
  });
  installAuthentication(app, db);
  installIdempotency(app, db);

  app.get('/api/v1/health', { schema: { hide: true } }, async () => ({ status: 'ok', database: db.kind }));
  app.get('/api/v1/openapi.json', { schema: { hide: true } }, async (request) =>
    buildOpenApi(fixedRoutes(), registry, { viewOf: (def) => definitionFor({ db, registry, ctx: request.ctx }, def) }),
  );
  registerMetadataRoutes(app, db, registry);
  registerAdminRoutes(app, db, registry);
  registerRecordRoutes(app, db, registry);
  await app.ready();
  return app;
}
