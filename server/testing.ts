// Test support: a real database (PGlite in memory, or a fresh PostgreSQL database when
// TEST_DATABASE_URL is set), the real app, and an administrator's API key.
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { buildApp, type AppOptions } from './app.ts';
import type { Database } from './platform/db/index.ts';
import { prepareDatabase } from './boot.ts';
import { installedModules } from './domains/index.ts';
import { defaultRoles } from './platform/access/permissions.ts';
import { dumpEmbedded, openEmbeddedDatabase } from './platform/db/embedded.ts';
import { openPostgresDatabase } from './platform/db/postgres.ts';
import { createApiKey } from './platform/auth/api-keys.ts';
import { ensureUser } from './platform/auth/users.ts';
import type { ModuleSet, Registry } from './records/index.ts';

export interface TestContext {
  app: FastifyInstance;
  db: Database;
  registry: Registry;
  adminId: string;
  token: string;
  /** Sends a request as the administrator (JSON body, bearer key) and parses the JSON reply. */
  api: (method: InjectOptions['method'], url: string, body?: unknown, headers?: Record<string, string>) => Promise<ApiReply>;
  /** Creates a record as the administrator; fails the test unless the answer is 201. */
  create: (object: string, body: Record<string, unknown>) => Promise<Record<string, any>>;
  /** Where this app keeps attachment bytes (removed on close). */
  filesDir: string;
  close: () => Promise<void>;
}

export interface ApiReply {
  status: number;
  headers: Record<string, unknown>;
  body: any;
}

// The template is keyed by the migrations and the installed objects, so a change makes a new one.
const templateKey = createHash('sha256')
  .update(readFileSync(new URL('./platform/db/migrations/meta/_journal.json', import.meta.url)))
  .update(JSON.stringify(installedModules.objects))
  .update(JSON.stringify(defaultRoles))
  .digest('hex')
  .slice(0, 12);
const templatePath = join(process.cwd(), '.tmp', `pglite-template-${templateKey}.tar.gz`);

/** An in-memory PGlite with tables created, cloned from a cached template (initdb is slow). */
async function openTestEmbedded(): Promise<Database> {
  if (existsSync(templatePath)) {
    return openEmbeddedDatabase(undefined, new Blob([readFileSync(templatePath)]));
  }
  const db = await openEmbeddedDatabase();
  await prepareDatabase(db);
  const blob = await dumpEmbedded(db);
  mkdirSync(join(process.cwd(), '.tmp'), { recursive: true });
  const partial = `${templatePath}.${process.pid}`;
  writeFileSync(partial, Buffer.from(await blob.arrayBuffer()));
  renameSync(partial, templatePath);
  return db;
}

/** A fresh database on the TEST_DATABASE_URL server, dropped by the returned cleanup. */
async function openTestPostgres(url: string): Promise<{ db: Database; drop: () => Promise<void> }> {
  const name = `guanxi_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const target = new URL(url);
  target.pathname = `/${name}`;
  const db = await openPostgresDatabase(target.toString(), 4);
  return {
    db,
    drop: async () => {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

/** A fresh, empty (unmigrated) database of the given kind; PostgreSQL needs TEST_DATABASE_URL. */
export async function openScratchDatabase(kind: 'embedded' | 'postgres'): Promise<{ db: Database; drop: () => Promise<void> }> {
  if (kind === 'embedded') {
    const db = await openEmbeddedDatabase();
    return { db, drop: () => db.close() };
  }
  const { db, drop } = await openTestPostgres(process.env.TEST_DATABASE_URL!);
  return {
    db,
    drop: async () => {
      await db.close();
      await drop();
    },
  };
}

/**
 * Starts the real app on a fresh real database with one administrator. `modules` replaces the
 * installed ones (tests of the module seam add their own); the other options go to buildApp.
 */
export async function startTestApp(options: Omit<AppOptions, 'db' | 'registry'> & { modules?: ModuleSet } = {}): Promise<TestContext> {
  const { modules, ...appOptions } = options;
  const databaseUrl = process.env.TEST_DATABASE_URL;
  const { db, drop } = databaseUrl ? await openTestPostgres(databaseUrl) : { db: await openTestEmbedded(), drop: async () => {} };
  const registry = await prepareDatabase(db, modules);
  // Attachments go to a folder of their own per test app, never into ./data.
  const filesDir = mkdtempSync(join(tmpdir(), 'guanxi-files-'));
  const settings = { ...appOptions.settings, files: { dir: filesDir, ...appOptions.settings?.files } };
  // A key of its own per test app: tests never read or write the data directory's key file.
  const app = await buildApp({ secretKey: randomBytes(32), ...appOptions, settings, db, registry });
  const { id: adminId } = await ensureUser(db, { email: 'admin@example.com', name: 'Admin 管理员', roleKey: 'administrator' });
  const { token } = await createApiKey(db, adminId, 'tests');
  const api: TestContext['api'] = async (method, url, body, headers = {}) => {
    const response = await app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${token}`, ...headers },
      ...(body !== undefined ? { payload: body as InjectOptions['payload'] } : {}),
    });
    let parsed: unknown = response.body;
    try {
      parsed = response.body ? JSON.parse(response.body) : null;
    } catch {
      // not JSON: keep the text
    }
    return { status: response.statusCode, headers: response.headers, body: parsed };
  };
  return {
    app,
    db,
    registry,
    adminId,
    token,
    api,
    create: async (object, body) => {
      const reply = await api('POST', `/api/v1/${object}`, body);
      if (reply.status !== 201) throw new Error(`creating ${object} answered ${reply.status}: ${JSON.stringify(reply.body)}`);
      return reply.body;
    },
    filesDir,
    close: async () => {
      rmSync(filesDir, { recursive: true, force: true });
      await app.close();
      await db.close();
      await drop();
    },
  };
}
