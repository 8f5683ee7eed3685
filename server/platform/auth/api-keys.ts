// API keys: "gx_<prefix>_<secret>". The prefix finds the row; only a SHA-256 of the secret is stored
// (the secret has 192 random bits, so a slow password hash would add nothing but latency).
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { and, desc, eq, isNull, lt, or } from 'drizzle-orm';
import type { Database } from '../db/index.ts';
import { apiKeys, roles } from '../db/schema.ts';
import { newId } from '../ids.ts';
import type { RequestContext } from './context.ts';
import { loadApiKeyContext } from '../access/load-context.ts';
import type { CachedContext, ContextCache } from '../access/context-cache.ts';
import { logAuthEvent } from './audit.ts';

const hashSecret = (secret: string) => createHash('sha256').update(secret).digest('hex');
/** lastUsedAt (and the "used" audit event) is written at most once a minute per key. */
const LAST_USED_RESOLUTION_MS = 60_000;

/** Creates a key for a user and returns the token; it is shown once and cannot be recovered. */
export async function createApiKey(
  db: Database,
  userId: string,
  name: string,
  roleId: string | null = null,
  expiresAt: Date | null = null,
): Promise<{ id: string; token: string; prefix: string }> {
  const prefix = randomBytes(6).toString('hex');
  const secret = randomBytes(24).toString('base64url');
  const id = newId();
  await db.orm.insert(apiKeys).values({ id, userId, name, prefix, roleId, expiresAt, secretHash: hashSecret(secret) });
  return { id, token: `gx_${prefix}_${secret}`, prefix };
}

/** Whether a role with this id exists (a key's narrower role must). */
export async function roleExists(db: Database, roleId: string): Promise<boolean> {
  const [row] = await db.orm.select({ id: roles.id }).from(roles).where(eq(roles.id, roleId));
  return Boolean(row);
}

const publicColumns = {
  id: apiKeys.id,
  name: apiKeys.name,
  prefix: apiKeys.prefix,
  roleId: apiKeys.roleId,
  createdAt: apiKeys.createdAt,
  lastUsedAt: apiKeys.lastUsedAt,
  revokedAt: apiKeys.revokedAt,
  expiresAt: apiKeys.expiresAt,
};

/** A user's keys, newest first, without secrets. */
export function listApiKeys(db: Database, userId: string) {
  return db.orm.select(publicColumns).from(apiKeys).where(eq(apiKeys.userId, userId)).orderBy(desc(apiKeys.createdAt), desc(apiKeys.id));
}

/** One key of a user, without its secret. */
export async function getApiKey(db: Database, userId: string, id: string) {
  const [row] = await db.orm.select(publicColumns).from(apiKeys).where(and(eq(apiKeys.id, id), eq(apiKeys.userId, userId)));
  return row;
}

/** Revokes a user's key; false when the user has no such (unrevoked) key. */
export async function revokeApiKey(db: Database, userId: string, id: string, now = new Date()): Promise<boolean> {
  const revoked = await db.orm
    .update(apiKeys)
    .set({ revokedAt: now })
    .where(and(eq(apiKeys.id, id), eq(apiKeys.userId, userId), isNull(apiKeys.revokedAt)))
    .returning({ id: apiKeys.id });
  return revoked.length > 0;
}

/** Resolves a bearer token to its caller, or undefined for an unknown, revoked, expired or disabled one. */
export async function authenticateApiKey(
  db: Database,
  token: string,
  now = new Date(),
  contexts?: ContextCache<CachedContext>,
): Promise<RequestContext | undefined> {
  const match = /^gx_([0-9a-f]{12})_([A-Za-z0-9_-]{32})$/.exec(token);
  if (!match) return undefined;
  const [, prefix, secret] = match;
  // One query finds the key and its user's context (none for a disabled or deleted user's keys); a
  // cached one costs none. The secret is checked against the key row every time either way.
  const load = () => loadApiKeyContext(db, prefix!);
  const found = contexts ? await contexts.get(`key:${prefix}`, load) : await load();
  if (!found?.key) return undefined;
  const { key, ctx } = found;
  // Judged at every request (a cached key row too), so a key stops at its expiry to the second.
  if (key.expires_at && Date.parse(key.expires_at) <= now.getTime()) return undefined;
  const expected = Buffer.from(key.secret_hash, 'hex');
  if (!timingSafeEqual(expected, Buffer.from(hashSecret(secret!), 'hex'))) return undefined;
  const lastUsedAt = key.last_used_at ? Date.parse(key.last_used_at) : undefined;
  if (lastUsedAt === undefined || now.getTime() - lastUsedAt >= LAST_USED_RESOLUTION_MS) {
    // Conditional, so only one of several processes records the first use in a minute.
    const touched = await db.orm
      .update(apiKeys)
      .set({ lastUsedAt: now })
      .where(
        and(
          eq(apiKeys.id, key.id),
          or(isNull(apiKeys.lastUsedAt), lt(apiKeys.lastUsedAt, new Date(now.getTime() - LAST_USED_RESOLUTION_MS + 1))),
        ),
      )
      .returning({ id: apiKeys.id });
    if (touched.length) await logAuthEvent(db, 'auth.api_key_used', { actorId: key.user_id, target: `api_key:${key.id}` });
    key.last_used_at = now.toISOString(); // a cached row must not ask again within the minute
  }
  return ctx;
}
