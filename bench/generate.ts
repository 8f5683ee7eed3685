// Generates a large benchmark database fast: accounts, contacts (≈2×), opportunities (≈1×) and
// activities (≈3×) with realistic Chinese/English text, written with multi-row INSERTs straight into
// the record tables — every system column and the search tokens as the records engine would write
// them, so the API serves these rows like any others. Field history (record_changes) is not written.
//
//   node bench/generate.ts --accounts 1000000 --database-url postgres://postgres@127.0.0.1:5432/guanxi_bench_1m
//   node bench/generate.ts --accounts 100000 --data-dir .tmp/bench-100k
//
// Load into a new, empty database: indexes are dropped for the load and rebuilt afterwards.
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import type { Database } from '../server/platform/db/index.ts';
import { openEmbeddedDatabase } from '../server/platform/db/embedded.ts';
import { openPostgresDatabase } from '../server/platform/db/postgres.ts';
import { ensureUser } from '../server/platform/auth/users.ts';
import { prepareDatabase } from '../server/boot.ts';
import { codecOf, junctionTable, objectDdl, type Registry } from '../server/records/index.ts';
import { chinesePerson, englishPerson, Random } from '../server/demo/names.ts';
import { rebuildForecastTotals } from '../server/domains/sales/forecast-totals.ts';
import { accountRow, activityRow, contactRow, e164, opportunityRow, tokensOf, Universe, type Row } from './rows.ts';

export interface Sizes {
  accounts: number;
  contacts: number;
  opportunities: number;
  activities: number;
}

export const BENCH_ADMIN_EMAIL = 'bench-admin@guanxi.local';
const BATCH_ROWS = 1000;
const log = (message: string) => console.log(`[generate ${new Date().toISOString().slice(11, 19)}] ${message}`);

/** The default mix for a number of accounts. */
export function defaultSizes(accounts: number): Sizes {
  return { accounts, contacts: accounts * 2, opportunities: accounts, activities: accounts * 3 };
}

/** Creates the PostgreSQL database named in the URL when it does not exist yet. */
async function ensurePostgresDatabase(url: string): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`Use a plain database name (a-z, 0-9, _), not "${name}".`);
  target.pathname = '/postgres';
  const client = new pg.Client({ connectionString: target.toString() });
  await client.connect();
  try {
    const { rowCount } = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (!rowCount) await client.query(`create database ${name}`);
  } finally {
    await client.end();
  }
}

/** Opens (and creates) the benchmark database with every table in place. */
export async function openBenchDatabase(target: { databaseUrl?: string; dataDir?: string }, poolSize = 10) {
  let db: Database;
  if (target.databaseUrl) {
    await ensurePostgresDatabase(target.databaseUrl);
    db = await openPostgresDatabase(target.databaseUrl, poolSize);
  } else {
    if (!target.dataDir) throw new Error('Pass --database-url postgres://… or --data-dir DIR.');
    db = await openEmbeddedDatabase(target.dataDir);
  }
  const registry = await prepareDatabase(db);
  return { db, registry };
}

const copyEscapes: Record<string, string> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' };
const needsCopyEscape = /[\\\n\r\t]/;

/** An array element, double-quoted (search tokens never hold quotes or backslashes; tags might). */
const arrayElement = (v: unknown) => {
  const text = String(v);
  return `"${text.includes('"') || text.includes('\\') ? text.replace(/["\\]/g, '\\$&') : text}"`;
};

/** One value in COPY text format. */
function copyValue(value: unknown): string {
  if (value === null || value === undefined) return '\\N';
  let text: string;
  if (Array.isArray(value)) text = `{${value.map(arrayElement).join(',')}}`;
  else if (typeof value === 'object') text = JSON.stringify(value);
  else text = String(value);
  return needsCopyEscape.test(text) ? text.replace(/[\\\n\r\t]/g, (c) => copyEscapes[c]!) : text;
}

function copyLines(columns: string[], rows: Row[]): string {
  let text = '';
  for (const row of rows) text += columns.map((c) => copyValue(row[c])).join('\t') + '\n';
  return text;
}

interface TableWriter {
  write(rows: Row[]): Promise<void>;
  end(): Promise<void>;
}

/**
 * Streams rows into a table with COPY: through pg-copy-streams on a connection of its own on
 * PostgreSQL, batch by batch from a Blob on PGlite. Foreign-key triggers are off for the load
 * (session_replication_role = replica): every reference points at a generated row.
 */
async function copyWriter(db: Database, databaseUrl: string | undefined, table: string): Promise<TableWriter> {
  let columns: string[] | undefined;
  const statement = (cols: string[], source: string) => `COPY "${table}" (${cols.map((c) => `"${c}"`).join(', ')}) FROM ${source}`;
  if (db.kind === 'embedded') {
    const client = (db.orm as unknown as { $client: PGlite }).$client;
    await client.exec('SET session_replication_role = replica');
    return {
      async write(rows) {
        columns ??= Object.keys(rows[0]!);
        await client.query(statement(columns, "'/dev/blob'"), [], { blob: new Blob([copyLines(columns, rows)]) });
      },
      end: () => client.exec('RESET session_replication_role').then(() => undefined),
    };
  }
  const client = new pg.Client({ connectionString: databaseUrl, options: '-c session_replication_role=replica -c synchronous_commit=off' });
  await client.connect();
  let stream: ReturnType<typeof copyFrom> | undefined;
  return {
    async write(rows) {
      columns ??= Object.keys(rows[0]!);
      stream ??= client.query(copyFrom(statement(columns, 'STDIN')));
      if (!stream.write(copyLines(columns, rows))) await once(stream, 'drain');
    },
    async end() {
      if (stream) {
        stream.end();
        await finished(stream);
      }
      await client.end();
    },
  };
}

/** The secondary indexes of the loaded tables: dropped before the load, rebuilt after it. */
async function dropIndexes(db: Database, tables: string[]): Promise<void> {
  const rows = await db.rows<{ name: string }>(sql`select i.relname as name from pg_index x
    join pg_class i on i.oid = x.indexrelid join pg_class t on t.oid = x.indrelid
    where t.relname = any(${sql.param(tables)}::text[]) and not x.indisprimary and t.relnamespace = 'public'::regnamespace`);
  for (const { name } of rows) await db.exec(`DROP INDEX IF EXISTS "${name.replace(/"/g, '""')}"`);
}

/** Rebuilds an object's indexes from its definition (the engine's own DDL), one after another. */
async function buildIndexes(db: Database, registry: Registry, object: string): Promise<void> {
  const statements = objectDdl(registry.get(object), registry.tableOf)
    .filter((s) => /^CREATE (UNIQUE )?INDEX/.test(s))
    .toSorted((a, b) => Number(b.includes('USING gin')) - Number(a.includes('USING gin'))); // the long GIN build first
  for (const statement of statements) {
    const started = Date.now();
    const isGin = statement.includes('USING gin');
    await db.transaction(async (tx) => {
      // A GIN build is fastest with a modest buffer (measured: 64 MB beats 2 GB by a third).
      await tx.exec(`SET LOCAL maintenance_work_mem = '${isGin ? '64MB' : '256MB'}'`);
      if (db.kind === 'postgres') await tx.exec('SET LOCAL max_parallel_maintenance_workers = 0');
      await tx.exec(statement);
    });
    const seconds = (Date.now() - started) / 1000;
    if (seconds >= 5) log(`  index ${statement.match(/INDEX IF NOT EXISTS "([^"]+)"/)?.[1]}: ${seconds.toFixed(0)} s`);
  }
}

/** Checks generated phone numbers against the engine's own codec on a sample of rows. */
function checkSample(registry: Registry, object: string, row: Row): void {
  for (const field of registry.get(object).fields.filter((f) => f.type === 'phone')) {
    const column = field.name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
    const original = row[`${column}_original`];
    if (typeof original !== 'string') continue;
    const [expected] = codecOf(field).encode!(original, field) as [string];
    if (expected !== row[column] || e164(original) !== expected) throw new Error(`Phone ${original}: engine ${expected}, generated ${row[column]}`);
  }
}

/**
 * Fills the benchmark database; returns the seconds each phase took. Each table's indexes are built
 * (on another connection) while the next table is generated, so the two cores both work.
 */
export async function generate(db: Database, registry: Registry, sizes: Sizes, options: { seed?: number; databaseUrl?: string } = {}) {
  const seed = options.seed ?? 1;
  const timings: Record<string, number> = {};
  const phase = async (name: string, work: () => Promise<void>) => {
    const started = Date.now();
    await work();
    timings[name] = Math.round((Date.now() - started) / 100) / 10;
    log(`${name}: ${timings[name]} s`);
  };
  const objects = ['accounts', 'contacts', 'opportunities', 'activities'];
  const tables = objects.map((o) => registry.get(o).table);
  const [{ n }] = await db.rows<{ n: unknown }>(sql`select (select count(*) from ${sql.identifier(tables[0]!)}) + (select count(*) from ${sql.identifier(tables[3]!)}) as n`);
  if (Number(n) > 0) throw new Error('The benchmark database already has records; generate into a new, empty database.');

  const { id: adminId } = await ensureUser(db, { email: BENCH_ADMIN_EMAIL, name: 'Bench Admin 压测管理员', roleKey: 'administrator' });
  const owners = [adminId];
  const people = new Random(seed + 1);
  for (let i = 0; i < 20; i++) {
    const person = i % 3 === 2 ? englishPerson(people) : chinesePerson(people);
    const email = `rep${String(i + 1).padStart(2, '0')}.${person.handle.replace(/[^a-z]/g, '')}@guanxi.local`;
    owners.push((await ensureUser(db, { email, name: person.name, roleKey: 'sales_rep' })).id);
  }

  const contacts = registry.get('contacts');
  const contactLinks = junctionTable(contacts, contacts.fields.find((f) => f.name === 'accountIds')!);
  await phase('drop indexes', () => dropIndexes(db, [...tables, contactLinks]));
  const u = new Universe(seed, owners, Date.now());
  u.accountChinese = new Uint8Array(sizes.accounts);
  u.contactAccount = new Int32Array(sizes.contacts);
  u.opportunityContact = new Int32Array(sizes.opportunities);

  const indexBuilds: Promise<void>[] = [];
  const load = async (object: string, count: number, build: (i: number, links: Row[]) => Row) => {
    const def = registry.get(object);
    const writer = await copyWriter(db, options.databaseUrl, def.table);
    const linkWriter = object === 'contacts' ? await copyWriter(db, options.databaseUrl, contactLinks) : undefined;
    for (let from = 0; from < count; from += BATCH_ROWS) {
      const rows: Row[] = [];
      const links: Row[] = [];
      for (let i = from; i < Math.min(count, from + BATCH_ROWS); i++) {
        const row = build(i, links);
        row.search_tokens = tokensOf(def, row);
        rows.push(row);
      }
      if (from % 100_000 === 0) checkSample(registry, object, rows[0]!);
      await writer.write(rows);
      if (links.length) await linkWriter?.write(links);
      // Let I/O callbacks run: index builds on other connections wait for their replies otherwise.
      await new Promise(setImmediate);
      if ((from / BATCH_ROWS) % 250 === 249) log(`  ${object}: ${from + BATCH_ROWS} of ${count}`);
    }
    await writer.end();
    await linkWriter?.end();
    const started = Date.now();
    indexBuilds.push(buildIndexes(db, registry, object).then(() => log(`indexes of ${object}: ${((Date.now() - started) / 1000).toFixed(0)} s`)));
  };
  await phase(`accounts (${sizes.accounts})`, () => load('accounts', sizes.accounts, (i) => accountRow(u, i, sizes.accounts)));
  await phase(`contacts (${sizes.contacts})`, () => load('contacts', sizes.contacts, (i, links) => contactRow(u, i, sizes.contacts, links)));
  // Deals written in the default pipeline: else the next start places a million of them (minutes of updates).
  const stages = await db.rows<{ pipelineId: string; standardStage: string; id: string }>(sql`select p.id as "pipelineId", s.standard_stage as "standardStage", s.id
    from pipelines p join pipeline_stages s on s.pipeline_id = p.id and s.deleted_at is null where p.is_default and p.deleted_at is null order by s."order" desc`);
  if (stages[0]) u.pipeline = { id: stages[0].pipelineId, stageIds: Object.fromEntries(stages.map((s) => [s.standardStage, s.id])) };
  await phase(`opportunities (${sizes.opportunities})`, () =>
    load('opportunities', sizes.opportunities, (i) => opportunityRow(u, i, sizes.opportunities)),
  );
  await phase(`activities (${sizes.activities})`, () => load('activities', sizes.activities, (i) => activityRow(u, i, sizes.activities)));
  await phase('remaining index builds', () => Promise.all(indexBuilds).then(() => undefined));
  // COPY ran without triggers: the forecast's totals are computed once from the deals.
  await phase('forecast totals', () => db.transaction((tx) => rebuildForecastTotals(tx)));
  await phase('vacuum analyze', async () => {
    for (const table of [...tables, contactLinks]) await db.exec(`VACUUM (ANALYZE) "${table}"`);
    if (db.kind === 'postgres') await db.exec('CHECKPOINT');
  });
  return timings;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      accounts: { type: 'string', default: '100000' },
      contacts: { type: 'string' },
      opportunities: { type: 'string' },
      activities: { type: 'string' },
      'database-url': { type: 'string' },
      'data-dir': { type: 'string' },
      seed: { type: 'string', default: '1' },
    },
  });
  const sizes = defaultSizes(Number(values.accounts));
  for (const key of ['contacts', 'opportunities', 'activities'] as const) if (values[key]) sizes[key] = Number(values[key]);
  if (!Object.values(sizes).every((v) => Number.isInteger(v) && v > 0)) throw new Error('Sizes must be whole numbers above 0.');
  const started = Date.now();
  const { db, registry } = await openBenchDatabase({ databaseUrl: values['database-url'], dataDir: values['data-dir'] });
  try {
    await generate(db, registry, sizes, { seed: Number(values.seed), databaseUrl: values['database-url'] });
  } finally {
    await db.close();
  }
  log(`done in ${((Date.now() - started) / 1000).toFixed(0)} s: ${JSON.stringify(sizes)}`);
}

if (import.meta.main) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
