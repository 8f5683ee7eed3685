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
import { buildOpenApi } from './records/openapi.ts';

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
  const openApi = () => buildOpenApi(app.swagger() as Record<string, unknown>, registry);
  await app.register(swaggerUi, { routePrefix: '/api/docs', transformSpecification: () => openApi() });
  installAuthentication(app, db);
  installIdempotency(app, db);

  app.get('/api/v1/health', { schema: { hide: true } }, async () => ({ status: 'ok', database: db.kind }));
  app.get('/api/v1/openapi.json', { schema: { hide: true } }, async () => openApi());
  registerMetadataRoutes(app, db, registry);
  registerRecordRoutes(app, db, registry);
  await app.ready();
  return app;
}
