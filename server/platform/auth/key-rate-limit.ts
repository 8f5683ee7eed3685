// Per-API-key request limits that hold across every API process on one database, without a database
// round trip on the request path. Each process counts locally and adds its counts to the key's row in
// `rate_limits` in the background (after every `batch` requests or every second); the answer of that
// upsert is the count of all processes together. So a refusal costs no query at all, and several
// processes together overshoot a limit by at most one batch each.
import { sql } from 'drizzle-orm';
import type { Database } from '../db/index.ts';

const WINDOW_MS = 60_000;
const SYNC_EVERY_MS = 1_000;
/** Most keys tracked at once; older windows are dropped first when it is reached. */
const MAX_TRACKED_KEYS = 50_000;

export interface LimitVerdict {
  isAllowed: boolean;
  limit: number;
  remaining: number;
  /** Seconds until the window starts again. */
  resetSeconds: number;
}

interface KeyWindow {
  windowStart: number;
  /** The count of all processes at the last sync (this process's synced requests included). */
  synced: number;
  /** This process's requests not yet added to the database. */
  pending: number;
  lastSyncAt: number;
  isSyncing: boolean;
}

/** Counts requests per API key in fixed one-minute windows, shared through the database. */
export class ApiKeyLimiter {
  readonly #db: Database;
  readonly #max: number;
  readonly #now: () => Date;
  readonly #onError: (error: unknown) => void;
  readonly #batch: number;
  readonly #windows = new Map<string, KeyWindow>();
  readonly #inFlight = new Set<Promise<void>>();

  constructor(db: Database, max: number, now: () => Date, onError: (error: unknown) => void) {
    this.#db = db;
    this.#max = max;
    this.#now = now;
    this.#onError = onError;
    // Small limits are counted exactly (every request synced); large ones in batches of 2%.
    this.#batch = Math.max(1, Math.floor(max / 50));
  }

  /** Counts one request of `keyId` and says whether it may proceed, with the figures for the headers. */
  take(keyId: string): LimitVerdict {
    const now = this.#now().getTime();
    const windowStart = now - (now % WINDOW_MS);
    let window = this.#windows.get(keyId);
    if (!window || window.windowStart !== windowStart) {
      if (this.#windows.size >= MAX_TRACKED_KEYS) this.#dropOldWindows(windowStart);
      window = { windowStart, synced: 0, pending: 0, lastSyncAt: 0, isSyncing: false };
      this.#windows.set(keyId, window);
    }
    const resetSeconds = Math.max(1, Math.ceil((windowStart + WINDOW_MS - now) / 1000));
    const used = window.synced + window.pending;
    if (used >= this.#max) return { isAllowed: false, limit: this.#max, remaining: 0, resetSeconds };
    window.pending++;
    if (!window.isSyncing && (window.pending >= this.#batch || now - window.lastSyncAt >= SYNC_EVERY_MS)) this.#sync(keyId, window, now);
    return { isAllowed: true, limit: this.#max, remaining: Math.max(0, this.#max - used - 1), resetSeconds };
  }

  /** Waits for the background syncs under way (tests, shutdown). */
  async flush(): Promise<void> {
    while (this.#inFlight.size) await Promise.all(this.#inFlight);
  }

  #sync(keyId: string, window: KeyWindow, now: number): void {
    const count = window.pending;
    window.pending = 0;
    window.synced += count; // counted as ours at once; the database answer adds the other processes'
    window.isSyncing = true;
    window.lastSyncAt = now;
    const at = new Date(window.windowStart).toISOString();
    let isSynced = false;
    const work = this.#db
      .rows<{ count: number; current: boolean }>(
        sql`insert into rate_limits (key, window_start, count) values (${`api-key:${keyId}`}, ${at}::timestamptz, ${count})
          on conflict (key) do update set
            count = case when rate_limits.window_start < excluded.window_start then excluded.count else rate_limits.count + excluded.count end,
            window_start = greatest(rate_limits.window_start, excluded.window_start)
          returning count, window_start = ${at}::timestamptz as current`,
      )
      .then(([row]) => {
        isSynced = true;
        if (row?.current && this.#windows.get(keyId) === window) window.synced = Math.max(window.synced, Number(row.count));
      })
      .catch((error: unknown) => {
        window.pending += count; // not lost: tried again with the next sync
        window.synced -= count;
        this.#onError(error);
      })
      .finally(() => {
        window.isSyncing = false;
        this.#inFlight.delete(work);
        // Requests counted while this sync was under way would otherwise wait for the key's next
        // request, which may never come; then other processes would not see them. (After a failure
        // the next request tries again: no retry loop against a database that is down.)
        if (isSynced && window.pending >= this.#batch && this.#windows.get(keyId) === window) this.#sync(keyId, window, this.#now().getTime());
      });
    this.#inFlight.add(work);
  }

  #dropOldWindows(current: number): void {
    for (const [key, window] of this.#windows) if (window.windowStart !== current && !window.isSyncing) this.#windows.delete(key);
    if (this.#windows.size >= MAX_TRACKED_KEYS) this.#windows.clear(); // a flood of keys in one minute
  }
}

/** The IETF draft rate-limit headers for a verdict (Retry-After too when refused). */
export function rateLimitHeaders(verdict: LimitVerdict): Record<string, string> {
  return {
    'RateLimit-Limit': String(verdict.limit),
    'RateLimit-Remaining': String(verdict.remaining),
    'RateLimit-Reset': String(verdict.resetSeconds),
    ...(verdict.isAllowed ? {} : { 'Retry-After': String(verdict.resetSeconds) }),
  };
}
