// The raw-SQL baseline: a bare Fastify app (no auth, no validation, no access rules, no decoding)
// whose routes run the hand-written SQL a minimal endpoint would need for the same answer, on the
// same pg pool or PGlite instance as the real app. The gap between the two is the engine's cost.
import Fastify, { type FastifyInstance } from 'fastify';
import type pg from 'pg';
import type { PGlite, Transaction } from '@electric-sql/pglite';
import type { Database } from '../server/platform/db/index.ts';
import { newId } from '../server/platform/ids.ts';
import { indexTokens, queryTokens } from '../server/platform/search/tokens.ts';
import { codecOf, hasColumn, toColumnName, type ObjectDefinition, type Registry } from '../server/records/index.ts';
import { titlePrefixField } from '../server/records/ddl.ts';
import { smallTables } from '../server/records/table-sizes.ts';

type Rows = Record<string, unknown>[];

interface RawSql {
  /** `name`: a prepared statement kept per connection (PostgreSQL; PGlite runs it unnamed). */
  query(text: string, params?: unknown[], name?: string): Promise<Rows>;
  transaction<T>(work: (q: RawSql) => Promise<T>): Promise<T>;
}

/** The driver under the app's Database: the pg pool, or the PGlite instance. */
export function rawSql(db: Database): RawSql {
  const client = (db.orm as unknown as { $client: unknown }).$client;
  if (db.kind === 'embedded') {
    const pglite = client as PGlite;
    const on = (q: PGlite | Transaction): RawSql => ({
      query: async (text, params) => (await q.query<Record<string, unknown>>(text, params)).rows,
      transaction: (work) => pglite.transaction((tx) => work(on(tx))),
    });
    return on(pglite);
  }
  const pool = client as pg.Pool;
  return {
    query: async (text, params, name) => (await pool.query({ text, values: params, name })).rows,
    async transaction(work) {
      const connection = await pool.connect();
      const q: RawSql = { query: async (text, params) => (await connection.query(text, params)).rows, transaction: (w) => w(q) };
      try {
        await connection.query('begin');
        const result = await work(q);
        await connection.query('commit');
        return result;
      } catch (error) {
        await connection.query('rollback');
        throw error;
      } finally {
        connection.release();
      }
    },
  };
}

/** Every column an API read returns (not search_tokens), as a SELECT list. */
function columnList(def: ObjectDefinition, alias = ''): string {
  const prefix = alias ? `${alias}.` : '';
  const columns = ['id', 'version', 'owner_id', 'created_at', 'updated_at', 'created_by', 'updated_by', 'deleted_at'];
  for (const field of def.fields.filter(hasColumn)) {
    const column = toColumnName(field.name);
    columns.push(column);
    const extra = codecOf(field).extraColumn;
    if (extra) columns.push(column + extra.suffix);
  }
  return columns.map((c) => `${prefix}"${c}"`).join(', ');
}

/** Baseline routes for accounts (list, keyset page, filter, get, create, update) and global search. */
export async function buildBaseline(db: Database, registry: Registry, actorId: string): Promise<FastifyInstance> {
  const raw = rawSql(db);
  const accounts = registry.get('accounts');
  const columns = columnList(accounts);
  const page = 'order by created_at desc, id desc limit 51';
  const app = Fastify({ logger: false });

  app.get<{ Querystring: { at?: string; id?: string } }>('/accounts', async (request) => {
    const { at, id } = request.query;
    const rows = at && id
      ? await raw.query(`select ${columns} from accounts where deleted_at is null and (created_at, id) < ($1::timestamptz, $2::uuid) ${page}`, [at, id])
      : await raw.query(`select ${columns} from accounts where deleted_at is null ${page}`);
    return { data: rows.slice(0, 50), more: rows.length > 50 };
  });

  app.get<{ Querystring: { city: string; industry: string } }>('/accounts/filter', async (request) => {
    const rows = await raw.query(`select ${columns} from accounts where deleted_at is null and city = $1 and industry = $2 ${page}`, [
      request.query.city,
      request.query.industry,
    ]);
    return { data: rows.slice(0, 50), more: rows.length > 50 };
  });

  app.get<{ Params: { id: string } }>('/accounts/:id', async (request, reply) => {
    const [row] = await raw.query(`select ${columns} from accounts where id = $1 and deleted_at is null`, [request.params.id]);
    return row ?? reply.status(404).send({ status: 404 });
  });

  // Writes: the row (with its search tokens) and its change-log entry, in one transaction.
  app.post<{ Body: Record<string, string> }>('/accounts', async (request, reply) => {
    const b = request.body;
    const id = newId();
    const tokens = indexTokens([b.name, b.phone, b.phone_original, b.email, b.city]);
    const row = await raw.transaction(async (q) => {
      const [inserted] = await q.query(
        `insert into accounts (id, owner_id, created_by, updated_by, name, type, industry, city, province, country,
           phone, phone_original, email, website, search_tokens)
         values ($1, $2, $2, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) returning ${columns}`,
        [id, actorId, b.name, b.type, b.industry, b.city, b.province, b.country, b.phone, b.phone_original, b.email, b.website, tokens],
      );
      await q.query(`insert into record_changes (id, object_name, record_id, action, actor_id, changes) values ($1, 'accounts', $2, 'create', $3, $4)`, [
        newId(), id, actorId, JSON.stringify(Object.fromEntries(Object.entries(b).map(([k, v]) => [k, [null, v]]))),
      ]);
      return inserted;
    });
    return reply.status(201).send(row);
  });

  app.patch<{ Params: { id: string }; Body: { rating: string; employees: number } }>('/accounts/:id', async (request, reply) => {
    const { rating, employees } = request.body;
    const row = await raw.transaction(async (q) => {
      const [updated] = await q.query(
        `update accounts set rating = $2, employees = $3, version = version + 1, updated_at = now(), updated_by = $4
         where id = $1 and deleted_at is null returning ${columns}`,
        [request.params.id, rating, employees, actorId],
      );
      if (updated) {
        await q.query(`insert into record_changes (id, object_name, record_id, action, actor_id, changes) values ($1, 'accounts', $2, 'update', $3, $4)`, [
          newId(), request.params.id, actorId, JSON.stringify({ rating: [null, rating], employees: [null, employees] }),
        ]);
      }
      return updated;
    });
    return row ?? reply.status(404).send({ status: 404 });
  });

  // Search: the engine's plan, hand-written: a prepared statement walks each object's title index
  // from the query (exact and starts-with titles); the GIN token match runs as a second statement only
  // when that found fewer than 20 hits, prepared for small tables.
  const searchable = registry.all().filter((d) => !d.isOutOfGlobalSearch && d.fields.some((f) => f.isSearchable));
  const prefixes = searchable.filter((d) => titlePrefixField(d)).map((d) => {
    const [title, key] = [`t."${toColumnName(d.titleField)}"`, `(lower(t."${toColumnName(d.titleField)}") collate "C")`];
    return `(select '${d.name}' as object, t.id, ${title} as title, (case when lower(${title}) = $1 then 3 else 2 end) as score
    from "${d.table}" t where t.deleted_at is null and ${key} >= $1 and ${key} < $2 order by ${key} limit 100)`;
  });
  const matches = searchable.map((d) => {
    const title = `coalesce(t."${toColumnName(d.titleField)}"::text, '')`;
    return `(select '${d.name}' as object, t.id, ${title} as title,
      (case when lower(${title}) = $2 then 3 when lower(${title}) like $3 then 2 when lower(${title}) like $4 then 1 else 0 end) as score
    from "${d.table}" t where t.deleted_at is null and t.search_tokens @> $1::text[] limit 20)`;
  });
  const ranked = (parts: string[]) => parts.length ? `select * from (${parts.join(' union all ')}) hits order by score desc, length(title), title limit 40` : undefined;
  // Small tables' token match prepared (one plan for every word), large ones' planned per search.
  const small = await smallTables(db, searchable.map((d) => d.table));
  const [prefixSql, smallSql, largeSql] = [
    ranked(prefixes)!, // accounts always have a walked title
    ranked(matches.filter((_, i) => small.has(searchable[i]!.table))),
    ranked(matches.filter((_, i) => !small.has(searchable[i]!.table))),
  ];
  app.get<{ Querystring: { q: string } }>('/search', async (request) => {
    const q = request.query.q.trim();
    const lowered = q.toLowerCase();
    const contains = `%${lowered.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
    let rows = await raw.query(prefixSql, [lowered, `${lowered}\u{10FFFF}`], 'bench_search_prefix');
    if (rows.length < 20) {
      const values = [queryTokens(q), lowered, contains.slice(1), contains];
      const tokenRows = [
        ...(smallSql ? await raw.query(smallSql, values, 'bench_search_small_tokens') : []),
        ...(largeSql ? await raw.query(largeSql, values) : []),
      ];
      rows = [...rows, ...tokenRows].sort((a, b) => Number(b.score) - Number(a.score) || String(a.title).length - String(b.title).length || (String(a.title) < String(b.title) ? -1 : 1));
    }
    const seen = new Set<string>();
    return { data: rows.filter((r) => !seen.has(`${r.object}:${r.id}`) && seen.add(`${r.object}:${r.id}`)).slice(0, 20) };
  });

  await app.ready();
  return app;
}
