// API keys: "gx_<prefix>_<secret>". The prefix finds the row; only a SHA-256 of the secret is stored
// (the secret has 192 random bits, so a slow password hash would add nothing but latency).
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import type { Database } from '../db/index.ts';
import { apiKeys } from '../db/schema.ts';
import { newId } from '../ids.ts';
import type { RequestContext } from './context.ts';
import { loadRequestContext } from '../access/load-context.ts';

const hashSecret = (secret: string) => createHash('sha256').update(secret).digest('hex');
const LAST_USED_RESOLUTION_MS = 60_000;

/** Creates a key for a user and returns the token; it is shown once and cannot be recovered. */
export async function createApiKey(
  db: Database,
  userId: string,
  name: string,
  roleId: string | null = null,
): Promise<{ id: string; token: string }> {
  const prefix = randomBytes(6).toString('hex');
  const secret = randomBytes(24).toString('base64url');
  const id = newId();
  await db.orm.insert(apiKeys).values({ id, userId, name, prefix, roleId, secretHash: hashSecret(secret) });
  return { id, token: `gx_${prefix}_${secret}` };
}

/** Resolves a bearer token to its caller, or undefined for an unknown, revoked or disabled one. */
export async function authenticateApiKey(db: Database, token: string): Promise<RequestContext | undefined> {
  const match = /^gx_([0-9a-f]{12})_([A-Za-z0-9_-]{32})$/.exec(token);
  if (!match) return undefined;
  const [, prefix, secret] = match;
  const [key] = await db.orm
    .select()
    .from(apiKeys)
    .where(and(eq(apiKeys.prefix, prefix!), isNull(apiKeys.revokedAt)));
  if (!key) return undefined;
  const expected = Buffer.from(key.secretHash, 'hex');
  if (!timingSafeEqual(expected, Buffer.from(hashSecret(secret!), 'hex'))) return undefined;
  if (!key.lastUsedAt || Date.now() - key.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
    await db.orm.update(apiKeys).set({ lastUsedAt: new Date() }).where(eq(apiKeys.id, key.id));
  }
  // A disabled or deleted user's keys stop working: loadRequestContext returns undefined for them.
  return loadRequestContext(db, key.userId, { apiKeyId: key.id, apiKeyRoleId: key.roleId });
}
