// Test support: a real database (PGlite in memory, or a fresh PostgreSQL database when
// TEST_DATABASE_URL is set), the real app, and an administrator's API key.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { buildApp } from './app.ts';
import { migrateDatabase, type Database } from './platform/db/index.ts';
import { dumpEmbedded, openEmbeddedDatabase } from './platform/db/embedded.ts';
import { openPostgresDatabase } from './platform/db/postgres.ts';
import { createApiKey } from './platform/auth/api-keys.ts';
import { ensureUser } from './platform/auth/users.ts';
import { Registry } from './records/registry.ts';

export interface TestContext {
  app: FastifyInstance;
  db: Database;
  registry: Registry;
  adminId: string;
  token: string;
  /** Sends a request as the administrator (JSON body, bearer key) and parses the JSON reply. */
  api: (method: InjectOptions['method'], url: string, body?: unknown, headers?: Record<string, string>) => Promise<ApiReply>;
  close: () => Promise<void>;
}

export interface ApiReply {
  status: number;
  headers: Record<string, unknown>;
  body: any;
}

const templatePath = join(process.cwd(), '.tmp', 'pglite-template.tar.gz');

/** An in-memory PGlite with tables created, cloned from a cached template (initdb is slow). */
async function openTestEmbedded(): Promise<Database> {
  if (existsSync(templatePath)) {
    const db = await openEmbeddedDatabase(undefined, new Blob([readFileSync(templatePath)]));
    await migrateDatabase(db); // no-op unless migrations changed since the template was made
    return db;
  }
  const db = await openEmbeddedDatabase();
  await migrateDatabase(db);
  const registry = new Registry();
  await registry.load(db);
  await registry.syncTables(db);
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
  await migrateDatabase(db);
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

/** Starts the real app on a fresh real database with one administrator. */
export async function startTestApp(): Promise<TestContext> {
  const url = process.env.TEST_DATABASE_URL;
  const { db, drop } = url ? await openTestPostgres(url) : { db: await openTestEmbedded(), drop: async () => {} };
  const registry = new Registry();
  await registry.load(db);
  await registry.syncTables(db);
  const app = await buildApp({ db, registry });
  const { id: adminId } = await ensureUser(db, { email: 'admin@example.com', name: 'Admin 管理员', isAdmin: true });
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
    close: async () => {
      await app.close();
      await db.close();
      await drop();
    },
  };
}
