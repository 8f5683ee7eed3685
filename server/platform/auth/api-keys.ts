// API keys: "gx_<prefix>_<secret>". The prefix finds the row; only a SHA-256 of the secret is stored
// (the secret has 192 random bits, so a slow password hash would add nothing but latency).
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import type { Database } from '../db/index.ts';
import { apiKeys, users } from '../db/schema.ts';
import { newId } from '../ids.ts';
import type { RequestContext } from './context.ts';

const hashSecret = (secret: string) => createHash('sha256').update(secret).digest('hex');
const LAST_USED_RESOLUTION_MS = 60_000;

/** Creates a key for a user and returns the token; it is shown once and cannot be recovered. */
export async function createApiKey(db: Database, userId: string, name: string): Promise<{ id: string; token: string }> {
  const prefix = randomBytes(6).toString('hex');
  const secret = randomBytes(24).toString('base64url');
  const id = newId();
  await db.orm.insert(apiKeys).values({ id, userId, name, prefix, secretHash: hashSecret(secret) });
  return { id, token: `gx_${prefix}_${secret}` };
}

/** Resolves a bearer token to its caller, or undefined for an unknown, revoked or disabled one. */
export async function authenticateApiKey(db: Database, token: string): Promise<RequestContext | undefined> {
  const match = /^gx_([0-9a-f]{12})_([A-Za-z0-9_-]{32})$/.exec(token);
  if (!match) return undefined;
  const [, prefix, secret] = match;
  const [row] = await db.orm
    .select({ key: apiKeys, user: users })
    .from(apiKeys)
    .innerJoin(users, eq(users.id, apiKeys.userId))
    .where(and(eq(apiKeys.prefix, prefix!), isNull(apiKeys.revokedAt)));
  if (!row || !row.user.isActive || row.user.deletedAt) return undefined;
  const expected = Buffer.from(row.key.secretHash, 'hex');
  if (!timingSafeEqual(expected, Buffer.from(hashSecret(secret!), 'hex'))) return undefined;
  if (!row.key.lastUsedAt || Date.now() - row.key.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
    await db.orm.update(apiKeys).set({ lastUsedAt: new Date() }).where(eq(apiKeys.id, row.key.id));
  }
  return {
    userId: row.user.id,
    isAdmin: row.user.isAdmin,
    apiKeyId: row.key.id,
    locale: row.user.locale === 'en' ? 'en' : 'zh-CN',
  };
}
