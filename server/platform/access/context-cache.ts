// Request contexts kept in memory between requests, so the hot path (an API key reading one record)
// costs one database round trip instead of two. Correctness rests on invalidation, not on a timeout:
// statement triggers on every table a context is built from send NOTIFY on commit, and each process
// empties its cache when it hears one; this process's own administrative writes empty it before
// their response leaves. A context loaded while an invalidation happened is not kept.
import { sql } from 'drizzle-orm';
import type { Database } from '../db/index.ts';
import type { RequestContext } from '../auth/context.ts';
import type { ApiKeyRow } from './load-context.ts';

export const ACCESS_CHANNEL = 'guanxi_access_changed';

/** Most contexts kept; a full cache is emptied (cheap, and rare: one entry per active key or session). */
const MAX_ENTRIES = 10_000;
/** A backstop only: a NOTIFY lost with a dropped connection is covered by the reconnect's clear. */
const MAX_AGE_MS = 5 * 60_000;

// Which changes alter a context: roles and permissions, teams and membership, the manager line, a
// user's activity and locale, sharing rules, and a key's role or revocation. `update of` keeps the
// frequent bookkeeping writes (last sign-in, a key's last use, MFA steps) from emptying the cache.
const TRIGGERS: Array<[table: string, events: string]> = [
  ['users', 'insert or delete or truncate or update of role_id, manager_id, is_active, deleted_at, locale'],
  ['roles', 'insert or update or delete or truncate'],
  ['teams', 'insert or update or delete or truncate'],
  ['team_members', 'insert or update or delete or truncate'],
  ['sharing_rules', 'insert or update or delete or truncate'],
  ['api_keys', 'delete or truncate or update of revoked_at, role_id, user_id, secret_hash'],
];

/** Creates (or replaces) the triggers that announce a change of access on commit. */
export async function installAccessTriggers(db: Database): Promise<void> {
  await db.transaction(async (tx) => {
    // Two processes starting together would otherwise race on replacing the same trigger.
    await tx.rows(sql`select pg_advisory_xact_lock(hashtext(${ACCESS_CHANNEL}))`);
    await tx.exec(`create or replace function guanxi_access_changed() returns trigger language plpgsql as $$
      begin perform pg_notify('${ACCESS_CHANNEL}', ''); return null; end $$`);
    for (const [table, events] of TRIGGERS) {
      await tx.exec(`create or replace trigger ${table}_access_changed after ${events} on ${table} for each statement execute function guanxi_access_changed()`);
    }
  });
}

interface Entry<T> {
  value: T;
  loadedAt: number;
}

/** A map of contexts that forgets everything when access changes anywhere. */
export class ContextCache<T> {
  readonly #entries = new Map<string, Entry<T>>();
  #generation = 0;
  #stopListening: (() => Promise<void>) | undefined;

  /** Listens for access changes made by any process on this database. */
  async start(db: Database): Promise<void> {
    this.#stopListening = await db.listen(ACCESS_CHANNEL, () => this.clear());
    this.clear(); // anything loaded before listening began may be stale
  }

  /** Stops listening. */
  async stop(): Promise<void> {
    await this.#stopListening?.();
    this.#stopListening = undefined;
  }

  /** Forgets every context; loads in flight will not be kept. */
  clear(): void {
    this.#generation++;
    this.#entries.clear();
  }

  /** The cached value, or the one `load` returns (kept only if access did not change meanwhile). */
  async get(key: string, load: () => Promise<T | undefined>, now = Date.now()): Promise<T | undefined> {
    const hit = this.#entries.get(key);
    if (hit && now - hit.loadedAt < MAX_AGE_MS) return hit.value;
    const generation = this.#generation;
    const value = await load();
    if (value !== undefined && generation === this.#generation) {
      if (this.#entries.size >= MAX_ENTRIES) this.#entries.clear();
      this.#entries.set(key, { value, loadedAt: now });
    }
    return value;
  }

  /** Forgets one entry (e.g. a key whose secret did not match). */
  delete(key: string): void {
    this.#entries.delete(key);
  }

  /** How many contexts are held (for tests and diagnostics). */
  get size(): number {
    return this.#entries.size;
  }
}

/** What the authentication hook keeps: a session's context, or a key's context with the key row. */
export interface CachedContext {
  ctx: RequestContext;
  key?: ApiKeyRow;
}
