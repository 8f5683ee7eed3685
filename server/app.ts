// Builds the HTTP application from its parts. Used by `guanxi serve`, the tests and the benchmarks.
import Fastify, { type FastifyInstance } from 'fastify';
import { createAjv } from './platform/http/ajv.ts';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import cookie from '@fastify/cookie';
import type { Database } from './platform/db/index.ts';
import { clientErrorAsProblem, frameworkErrorsAsProblems, installProblemHandlers } from './platform/http/problem.ts';
import { installIdempotency } from './platform/http/idempotency.ts';
import { installAuthentication, type AuthDeps } from './platform/auth/plugin.ts';
import { ContextCache, type CachedContext } from './platform/access/context-cache.ts';
import { createSecretBox, loadSecretKey } from './platform/auth/secret-box.ts';
import { registerAuthRoutes } from './platform/auth/routes.ts';
import { logPermissionDenied } from './platform/auth/audit.ts';
import { installSecurityHeaders, loggerOptions } from './platform/http/security.ts';
import { installWebApp } from './platform/http/web-app.ts';
import { releaseMemoryWhenIdle } from './platform/http/idle-memory.ts';
import { loadConfig, type AuthSettings, type FileSettings, type MailSettings } from './platform/config.ts';
import { createMailer, type Mailer } from './platform/mail/mailer.ts';
import { prepareDatabase } from './boot.ts';
import {
  buildOpenApi, definitionFor, registerMetadataRoutes, registerModuleRoutes, registerRecordRoutes, reserveApiName, type ObjectDefinition,
  type Registry,
} from './records/index.ts';
import { registerAdminRoutes } from './admin/routes.ts';
import { registerWorkspaceRoutes } from './workspace/routes.ts';
import { addHttpConventions } from './platform/http/openapi-conventions.ts';
import { createJobSystem, registerJobAdminRoutes, type JobDefinition, type JobSystem, type JobSystemOptions } from './platform/jobs/index.ts';
import { housekeepingJobs, type HousekeepingDeps } from './housekeeping.ts';
import { notificationMailJobs, type NotificationMailDeps } from './notifications/email.ts';
import { NotificationHub } from './notifications/stream.ts';
import { registerNotificationRoutes } from './notifications/routes.ts';
import { registerFileRoutes } from './files/routes.ts';
import { localFileStore, type FileStore } from './files/store.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** Enqueue background work here (`app.jobs.enqueue(job, payload)`). */
    jobs: JobSystem;
  }
}


export interface AppOptions {
  db: Database;
  logLevel?: string;
  /** An already loaded registry (the CLI shares one); a new one is loaded otherwise. */
  registry?: Registry;
  /** Security settings over those from the environment (tests shorten timeouts and limits). */
  settings?: {
    auth?: Partial<AuthSettings>;
    mail?: Partial<MailSettings>;
    files?: Partial<FileSettings>;
    publicUrl?: string;
    trustProxy?: boolean | number | string;
  };
  /** Where attachment bytes go (a folder of the data directory by default). */
  fileStore?: FileStore;
  /** Serve the built web app at `/` (default: when web/dist exists). */
  isServingWebApp?: boolean;
  /** The key sealing stored TOTP secrets (GUANXI_SECRET_KEY or data/secret.key by default). */
  secretKey?: Buffer;
  /** The clock of sessions, throttling, MFA and reset links; tests pass a controllable one. */
  now?: () => Date;
  /** Run a memory-reducing collection when the server goes quiet after growing (`guanxi serve`; needs --expose-gc). */
  isReleasingIdleMemory?: boolean;
  /** Where log lines go (stdout by default); tests capture them. */
  logStream?: NodeJS.WritableStream;
  mailer?: Mailer;
  /**
   * Background jobs: `isWorking` runs handlers and schedules in this process (`guanxi serve`); off,
   * the app only enqueues (tests, API-only processes beside `guanxi worker`).
   */
  jobs?: { isWorking?: boolean; definitions?: readonly JobDefinition<any>[]; pollingIntervalSeconds?: number; superviseIntervalSeconds?: number };
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
    clientErrorHandler: clientErrorAsProblem,
  });
  // Query strings and paths are text, so their numbers and booleans are read from it; a JSON body is
  // already typed and is never coerced: {"email": 123} is a 400, not "123".
  const coercing = createAjv({ isCoercing: true, isFillingDefaults: true });
  const exact = createAjv({ isFillingDefaults: true });
  app.setValidatorCompiler(({ schema, httpPart }) => (httpPart === 'body' ? exact : coercing).compile(schema));
  // A custom object must never be named like a fixed route (`/api/v1/search`, `/api/v1/views` …).
  app.addHook('onRoute', (route) => {
    const first = /^\/api\/v1\/([^/:]+)/.exec(route.url)?.[1];
    if (first) reserveApiName(first);
  });
  installProblemHandlers(app);
  await installSecurityHeaders(app);
  await app.register(cookie);
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Guanxi CRM API', version: '1', description: 'Records, metadata and search. See docs/api.md.' },
      components: { securitySchemes: { apiKey: { type: 'http', scheme: 'bearer' } } },
      security: [{ apiKey: [] }],
    },
  });
  const fixedRoutes = () => app.swagger() as Record<string, unknown>;
  const publicUrl = settings.publicUrl ?? config.publicUrl;
  // The public reference shows the standard objects; /api/v1/openapi.json shows what the caller may see.
  const publicView = { viewOf: (def: ObjectDefinition) => (def.isCustom ? undefined : { ...def, fields: def.fields.filter((f) => !f.isCustom) }) };
  await app.register(swaggerUi, {
    routePrefix: '/api/docs',
    staticCSP: true,
    transformSpecification: () => addHttpConventions(buildOpenApi(fixedRoutes(), registry, publicView), publicUrl),
  });
  const contexts = new ContextCache<CachedContext>();
  await contexts.start(db);
  app.addHook('onClose', () => contexts.stop());
  const authDeps: AuthDeps = {
    db,
    contexts,
    secrets: createSecretBox(options.secretKey ?? loadSecretKey(process.env, config.dataDir)),
    settings: { ...config.auth, ...settings.auth },
    publicUrl,
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
    addHttpConventions(buildOpenApi(fixedRoutes(), registry, { viewOf: (def) => definitionFor({ db, registry, ctx: request.ctx }, def) }), publicUrl),
  );
  registerAuthRoutes(app, authDeps);
  registerMetadataRoutes(app, db, registry);
  registerAdminRoutes(app, db, registry);
  registerWorkspaceRoutes(app, db, registry);
  registerModuleRoutes(app, db, registry);
  const hub = new NotificationHub(db, registry, app.log);
  await hub.start();
  app.addHook('onClose', () => hub.stop());
  registerNotificationRoutes(app, db, registry, hub);
  const files = { ...config.files, ...settings.files };
  const fileStore = options.fileStore ?? localFileStore(files.dir);
  registerFileRoutes(app, db, registry, fileStore, files);
  const jobs = await startJobs(app, options, registry, authDeps, fileStore);
  registerJobAdminRoutes(app, jobs);
  registerRecordRoutes(app, db, registry);
  if (options.isServingWebApp !== false) await installWebApp(app);
  if (options.isReleasingIdleMemory) releaseMemoryWhenIdle(app);
  // Definitions changed by another API process (custom fields, org-wide defaults) reload here too.
  const stopWatching = await registry.watch(db, (error) => app.log.error({ err: error }, 'could not reload object definitions'));
  app.addHook('onClose', stopWatching);
  await app.ready();
  return app;
}

/** Starts the job system with housekeeping and the given definitions; it stops when the app closes. */
async function startJobs(app: FastifyInstance, options: AppOptions, registry: Registry, auth: AuthDeps, fileStore: FileStore): Promise<JobSystem> {
  const { isWorking = false, definitions = [], ...timing } = options.jobs ?? {};
  const deps = { db: options.db, registry, authSettings: auth.settings, now: auth.now, mailer: auth.mailer, publicUrl: auth.publicUrl, fileStore };
  const jobs = await startJobSystem(deps, { isWorking, log: app.log, definitions, ...timing });
  app.decorate('jobs', jobs);
  // Callers close the database after the app, so the job system stops while it is still open.
  app.addHook('onClose', () => jobs.stop());
  return jobs;
}

/**
 * Starts a job system with every job of the application: housekeeping, the installed modules' jobs,
 * then `definitions` (extra jobs, e.g. of tests). Used by the app and by `guanxi worker`, so both run the same jobs.
 */
export async function startJobSystem(
  deps: HousekeepingDeps & NotificationMailDeps,
  options: JobSystemOptions & { definitions?: readonly JobDefinition<any>[] },
): Promise<JobSystem> {
  const { definitions = [], ...systemOptions } = options;
  const jobs = await createJobSystem(deps.db, systemOptions);
  try {
    await jobs.registerJobs([...housekeepingJobs(deps), ...notificationMailJobs(deps), ...deps.registry.modules.jobsFor(deps), ...definitions]);
  } catch (error) {
    await jobs.stop();
    throw error;
  }
  return jobs;
}
