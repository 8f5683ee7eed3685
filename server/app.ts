// Builds the HTTP application from its parts. Used by `guanxi serve`, the tests and the benchmarks.
import Fastify, { type FastifyInstance } from 'fastify';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import type { Database } from './platform/db/index.ts';
import { frameworkErrorsAsProblems, installProblemHandlers } from './platform/http/problem.ts';
import { installIdempotency } from './platform/http/idempotency.ts';
import { installAuthentication, type AuthDeps } from './platform/auth/plugin.ts';
import { registerAuthRoutes } from './platform/auth/routes.ts';
import { logPermissionDenied } from './platform/auth/audit.ts';
import { installSecurityHeaders, loggerOptions } from './platform/http/security.ts';
import { loadConfig, type AuthSettings, type MailSettings } from './platform/config.ts';
import { createMailer, type Mailer } from './platform/mail/mailer.ts';
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
  /** Security settings over those from the environment (tests shorten timeouts and limits). */
  settings?: { auth?: Partial<AuthSettings>; mail?: Partial<MailSettings>; publicUrl?: string; trustProxy?: boolean | number | string };
  /** The clock of sessions, throttling, MFA and reset links; tests pass a controllable one. */
  now?: () => Date;
  /** Where log lines go (stdout by default); tests capture them. */
  logStream?: NodeJS.WritableStream;
  mailer?: Mailer;
}

/** Creates the Fastify app; tables for every object exist when it resolves. */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const { db, logLevel = 'warn', settings = {} } = options;
  const registry = options.registry ?? (await prepareDatabase(db));
  const config = loadConfig();
  const app = Fastify({
    logger: loggerOptions(logLevel, options.logStream),
    // A hop count is supported at run time though missing from the type.
    trustProxy: (settings.trustProxy ?? config.trustProxy) as boolean | string,
    bodyLimit: 1024 * 1024,
    // Room for the 255-character external ids of PUT /{object}/by/{field}/{value}; longer is a 414 problem.
    routerOptions: { maxParamLength: 300 },
    frameworkErrors: frameworkErrorsAsProblems,
    ajv: { customOptions: { allErrors: true, coerceTypes: 'array', removeAdditional: false } },
  });
  installProblemHandlers(app);
  await installSecurityHeaders(app);
  await app.register(cookie);
  await app.register(rateLimit, { global: false });
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
  const authDeps: AuthDeps = {
    db,
    settings: { ...config.auth, ...settings.auth },
    publicUrl: settings.publicUrl ?? config.publicUrl,
    now: options.now ?? (() => new Date()),
    mailer: options.mailer ?? createMailer({ ...config.mail, ...settings.mail }, (message) => app.log.warn(message)),
  };
  installAuthentication(app, authDeps);
  installIdempotency(app, db);
  // Every refusal of a signed-in caller is audited, wherever in the code it was decided.
  app.addHook('onResponse', async (request, reply) => {
    if (reply.statusCode !== 403 || !request.ctx) return;
    await logPermissionDenied(db, request.ctx, { target: request.url.split('?')[0]!.slice(0, 300), action: request.method }).catch(
      (error: unknown) => request.log.error({ err: error }, 'could not audit a permission denial'),
    );
  });

  app.get('/api/v1/health', { schema: { hide: true } }, async () => ({ status: 'ok', database: db.kind }));
  app.get('/api/v1/openapi.json', { schema: { hide: true } }, async (request) =>
    buildOpenApi(fixedRoutes(), registry, { viewOf: (def) => definitionFor({ db, registry, ctx: request.ctx }, def) }),
  );
  registerAuthRoutes(app, authDeps);
  registerMetadataRoutes(app, db, registry);
  registerAdminRoutes(app, db, registry);
  registerRecordRoutes(app, db, registry);
  // Definitions changed by another API process (custom fields, org-wide defaults) reload here too.
  const stopWatching = await registry.watch(db);
  app.addHook('onClose', stopWatching);
  await app.ready();
  return app;
}
