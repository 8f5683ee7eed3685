// `node bench/network.ts`: "who connects us to X" on a generated relationship graph in PostgreSQL.
// Generates N accounts and contacts (half each) and E random relationships between them (once: a
// filled database is reused), owned round-robin by 21 users: a sales manager with five reps below
// them and fifteen other reps. The caller is the manager, so record access is applied as in real use
// (they read their own and their reps' records, about 6 in 21). Times the real endpoint
// (GET /api/v1/network/paths, k = 5, depth = 4, through the app in process) against a raw SQL
// baseline in the same run: the same walk with no access conditions at all. Writes
// bench/results/<time>-network.json.
//
//   node bench/network.ts --database-url postgres://postgres@127.0.0.1:5432/guanxi_bench_network [--nodes 200000] [--edges 1000000] [--queries 200]
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { buildApp } from '../server/app.ts';
import { createApiKey } from '../server/platform/auth/api-keys.ts';
import { ensureUser } from '../server/platform/auth/users.ts';
import type { Database } from '../server/platform/db/index.ts';
import { openBenchDatabase } from './generate.ts';

const { values } = parseArgs({
  options: {
    'database-url': { type: 'string' },
    nodes: { type: 'string', default: '200000' },
    edges: { type: 'string', default: '1000000' },
    queries: { type: 'string', default: '200' },
  },
});
const url = values['database-url'];
if (!url) throw new Error('Give --database-url: the network benchmark runs on PostgreSQL.');
const nodeCount = Number(values.nodes);
const edgeCount = Number(values.edges);
const queryCount = Number(values.queries);
const K = 5;
const DEPTH = 4;
const USERS = 21;

/** A number in [0, n) from a hash of the expression: the same graph on every run. */
const pick = (expression: string, n: number) => `((hashtext(${expression}) & 2147483647) % ${n})`;

async function generate(db: Database): Promise<void> {
  const userIds: string[] = [];
  const manager = await ensureUser(db, { email: 'bench-net-manager@guanxi.local', name: 'Network manager 网络经理', roleKey: 'sales_manager' });
  userIds.push(manager.id);
  for (let i = 1; i < USERS; i++) userIds.push((await ensureUser(db, { email: `bench-net-rep${i}@guanxi.local`, name: `Rep ${i}`, roleKey: 'sales_rep' })).id);
  await db.rows(sql`update users set manager_id = ${manager.id}::uuid where id = any(${sql.param(userIds.slice(1, 6))}::uuid[])`);
  const [{ n: existing }] = await db.rows<{ n: unknown }>(sql`select count(*) as n from relationships`);
  if (Number(existing) >= edgeCount) return;
  const started = performance.now();
  const half = Math.floor(nodeCount / 2);
  const owners = sql.param(userIds);
  await db.exec(`create table if not exists bench_network_nodes (n int primary key, id uuid not null, object text not null)`);
  await db.exec(`truncate bench_network_nodes`);
  await db.rows(sql`insert into bench_network_nodes select g, md5('network-node-' || g)::uuid, case when g <= ${half} then 'accounts' else 'contacts' end
    from generate_series(1, ${nodeCount}) g`);
  await db.rows(sql`insert into accounts (id, name, owner_id) select id, 'Network account ' || n, (${owners}::uuid[])[1 + n % ${USERS}]
    from bench_network_nodes where object = 'accounts' on conflict do nothing`);
  await db.rows(sql`insert into contacts (id, name, owner_id) select id, 'Network contact ' || n, (${owners}::uuid[])[1 + n % ${USERS}]
    from bench_network_nodes where object = 'contacts' on conflict do nothing`);
  const types = (await db.rows<{ id: string }>(sql`select id from relationship_types order by key`)).map((r) => r.id);
  // One batch of 100,000 edges per statement, so progress shows and no statement runs for minutes.
  for (let from = 1; from <= edgeCount; from += 100_000) {
    const to = Math.min(edgeCount, from + 99_999);
    await db.rows(sql.raw(`insert into relationships (id, summary, from_object, from_id, to_object, to_id, type_id, direction, strength, owner_id)
      select md5('network-edge-' || g)::uuid, 'edge ' || g, a.object, a.id, b.object, b.id,
        ('{${types.join(',')}}'::uuid[])[1 + ${pick(`'t' || g`, types.length)}], 'directed', 1 + ${pick(`'s' || g`, 5)}, '${userIds[0]}'::uuid
      from generate_series(${from}, ${to}) g
      join bench_network_nodes a on a.n = 1 + ${pick(`'a' || g`, nodeCount)}
      join bench_network_nodes b on b.n = 1 + ${pick(`'b' || g`, nodeCount)}
      where a.n <> b.n
      on conflict do nothing`));
    console.log(`  ${to.toLocaleString('en')} relationships`);
  }
  await db.exec('analyze accounts; analyze contacts; analyze relationships; analyze bench_network_nodes');
  console.log(`Generated ${nodeCount} records and ${edgeCount} relationships in ${Math.round((performance.now() - started) / 1000)} s.`);
}

/** The same walk as the endpoint, with no access conditions: what the SQL costs by itself. */
async function rawPaths(db: Database, target: { id: string; object: string }, me: string): Promise<number> {
  let found = 0;
  for (let depth = 1; depth <= DEPTH && found < K; depth++) {
    const rows = await db.rows(sql`with recursive walk(node, path, depth, is_mine) as (
        select n.id, array[n.id], 0, n.owner_id = ${me}::uuid from ${sql.identifier(target.object)} n where n.id = ${target.id}::uuid
        union all
        select nxt.id, w.path || nxt.id, w.depth + 1, nxt.is_mine
        from walk w
        cross join lateral (select r.to_id as next, r.to_object as next_object from relationships r where r.from_id = w.node and r.deleted_at is null
          union select r.from_id, r.from_object from relationships r where r.to_id = w.node and r.deleted_at is null) hop
        cross join lateral (select n.id, n.owner_id = ${me}::uuid as is_mine from accounts n where hop.next_object = 'accounts' and n.id = hop.next and n.deleted_at is null
          union all select n.id, n.owner_id = ${me}::uuid from contacts n where hop.next_object = 'contacts' and n.id = hop.next and n.deleted_at is null) nxt
        where w.depth < ${depth} and not w.is_mine and nxt.id <> all(w.path))
      select path from walk where is_mine order by depth, path limit ${K}`);
    found = rows.length;
  }
  return found;
}

function percentiles(samples: number[]) {
  const sorted = samples.toSorted((a, b) => a - b);
  const at = (p: number) => Math.round(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! * 10) / 10;
  return { p50: at(50), p95: at(95), p99: at(99), max: at(100), mean: Math.round((sorted.reduce((s, x) => s + x, 0) / sorted.length) * 10) / 10 };
}

async function main(): Promise<void> {
  const { db, registry } = await openBenchDatabase({ databaseUrl: url });
  await generate(db);
  const manager = await ensureUser(db, { email: 'bench-net-manager@guanxi.local', name: 'Network manager 网络经理' });
  const key = await createApiKey(db, manager.id, `network bench ${new Date().toISOString()}`);
  const app = await buildApp({ db, registry, logLevel: 'warn', settings: { auth: { apiKeyRateLimit: 1_000_000_000 } } });

  // Targets the manager may read but does not own (their reps' records), spread over the graph.
  const team = (await db.rows<{ id: string }>(sql`select id from users where manager_id = ${manager.id}::uuid`)).map((r) => r.id);
  const targets = await db.rows<{ id: string; object: string }>(sql`select n.id, n.object from bench_network_nodes n
    join accounts a on a.id = n.id where a.owner_id = any(${sql.param(team)}::uuid[])
    union all select n.id, n.object from bench_network_nodes n join contacts c on c.id = n.id where c.owner_id = any(${sql.param(team)}::uuid[])
    order by 1 limit ${queryCount + 10}`);
  const endpoint: number[] = [];
  const raw: number[] = [];
  const pathCounts: number[] = [];
  const lengths: number[] = [];
  for (const [index, target] of targets.entries()) {
    let started = performance.now();
    const reply = await app.inject({
      method: 'GET',
      url: `/api/v1/network/paths?targetObject=${target.object}&targetId=${target.id}&k=${K}&depth=${DEPTH}`,
      headers: { authorization: `Bearer ${key.token}` },
    });
    const endpointMs = performance.now() - started;
    if (reply.statusCode !== 200) throw new Error(`paths answered ${reply.statusCode}: ${reply.body}`);
    started = performance.now();
    await rawPaths(db, target, manager.id);
    const rawMs = performance.now() - started;
    if (index < 10) continue; // warm-up
    endpoint.push(endpointMs);
    raw.push(rawMs);
    const data = (JSON.parse(reply.body) as { data: Array<{ length: number }> }).data;
    pathCounts.push(data.length);
    lengths.push(...data.map((p) => p.length));
  }
  const [{ nodes, edges }] = await db.rows<{ nodes: unknown; edges: unknown }>(sql`select
    (select count(*) from accounts where id in (select id from bench_network_nodes)) + (select count(*) from contacts where id in (select id from bench_network_nodes)) as nodes,
    (select count(*) from relationships) as edges`);
  const report = {
    at: new Date().toISOString(),
    database: db.kind,
    machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, memoryGB: Math.round(os.totalmem() / 2 ** 30), load: os.loadavg(), node: process.version },
    graph: { nodes: Number(nodes), edges: Number(edges), caller: 'sales manager with 5 reps below (reads ~6/21 of the records, owns ~1/21)' },
    query: { k: K, depth: DEPTH, measured: endpoint.length, warmUp: 10 },
    endpointMs: percentiles(endpoint),
    rawSqlNoAccessMs: percentiles(raw),
    paths: { meanFound: Math.round((pathCounts.reduce((s, x) => s + x, 0) / pathCounts.length) * 100) / 100, meanLength: Math.round((lengths.reduce((s, x) => s + x, 0) / Math.max(1, lengths.length)) * 100) / 100 },
  };
  console.log(JSON.stringify(report, null, 2));
  mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
  writeFileSync(new URL(`./results/${report.at.replace(/[:.]/g, '-')}-network.json`, import.meta.url), `${JSON.stringify(report, null, 2)}\n`);
  await app.close();
  await db.rows(sql`delete from api_keys where id = ${key.id}::uuid`);
  await db.close();
}

await main();
