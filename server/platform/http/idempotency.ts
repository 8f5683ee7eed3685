// Idempotency-Key on POST: the first response is stored and replayed for retries with the same key,
// so a client that lost a response can safely send the request again.
import { createHash } from 'node:crypto';
import { and, eq, lt, sql } from 'drizzle-orm';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Database } from '../db/index.ts';
import { idempotencyKeys } from '../db/schema.ts';
import { Problem } from './problem.ts';

const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;
const RETENTION_HOURS = 24;

declare module 'fastify' {
  interface FastifyRequest {
    idempotencyKey?: string;
  }
  interface FastifyContextConfig {
    /** The answer carries a secret shown once (a token, a link): it is never stored for replay. */
    hasSecretAnswer?: boolean;
    /** A POST that only reads (a query with a JSON body): sent again rather than replayed, so never stored. */
    isReadOnly?: boolean;
  }
}

function requestHash(request: FastifyRequest): string {
  return createHash('sha256').update(`${request.method} ${request.url}\n${JSON.stringify(request.body ?? null)}`).digest('hex');
}

/** Installs the replay (preHandler) and the recording (onSend) of keyed POSTs. */
export function installIdempotency(app: FastifyInstance, db: Database): void {
  app.addHook('preHandler', async (request: FastifyRequest, reply: FastifyReply) => {
    const headerKey = request.headers['idempotency-key'];
    if (request.method !== 'POST' || headerKey === undefined || !request.ctx) return;
    // Answers of the account routes carry secrets (new API keys, MFA secrets, recovery codes), as do
    // routes marked hasSecretAnswer (invitation links); read-only POSTs (a query with a JSON body) are
    // sent again rather than replayed. None is stored, so the header is ignored there.
    if (request.routeOptions.url?.startsWith('/api/v1/auth/') || request.routeOptions.config.hasSecretAnswer || request.routeOptions.config.isReadOnly) return;
    if (typeof headerKey !== 'string' || !KEY_PATTERN.test(headerKey)) {
      throw new Problem(400, { key: 'detail.idempotencyKeyInvalid' }, [
        { field: 'Idempotency-Key', code: 'invalid', message: 'is not a valid key' },
      ]);
    }
    const hash = requestHash(request);
    // Keys are scoped to the credential: a narrower API key must not replay what a broader one did,
    // nor a later sign-in what an ended session did.
    const key = `${request.ctx.apiKeyId ? `key:${request.ctx.apiKeyId}` : `session:${request.ctx.sessionId ?? ''}`}:${headerKey}`;
    const inserted = await db.orm
      .insert(idempotencyKeys)
      .values({ userId: request.ctx.userId, key, requestHash: hash })
      .onConflictDoNothing()
      .returning({ key: idempotencyKeys.key });
    if (inserted.length) {
      request.idempotencyKey = key;
      return;
    }
    const [stored] = await db.orm
      .select()
      .from(idempotencyKeys)
      .where(and(eq(idempotencyKeys.userId, request.ctx.userId), eq(idempotencyKeys.key, key)));
    if (!stored) throw new Problem(409, { key: 'detail.idempotencyConcurrent' });
    if (stored.requestHash !== hash) {
      throw new Problem(422, { key: 'detail.idempotencyKeyReused' }, [
        { field: 'Idempotency-Key', code: 'reused', message: 'was used with another request body or path' },
      ]);
    }
    if (stored.statusCode === null) throw new Problem(409, { key: 'detail.idempotencyRunning' }, [], { 'Retry-After': '1' });
    reply.header('Idempotent-Replayed', 'true');
    for (const [name, value] of Object.entries((stored.responseHeaders ?? {}) as Record<string, string>)) reply.header(name, value);
    const isProblem = stored.statusCode >= 400;
    return reply
      .status(stored.statusCode)
      .type(isProblem ? 'application/problem+json' : 'application/json')
      .send(stored.responseBody);
  });

  app.addHook('onSend', async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    const key = request.idempotencyKey;
    if (!key) return payload;
    const where = and(eq(idempotencyKeys.userId, request.ctx.userId), eq(idempotencyKeys.key, key));
    if (reply.statusCode >= 500) {
      await db.orm.delete(idempotencyKeys).where(where); // a failure on our side may be retried for real
    } else {
      const body = typeof payload === 'string' && payload ? JSON.parse(payload) : null;
      const headers = Object.fromEntries(
        (['etag', 'location'] as const).flatMap((name) => (reply.getHeader(name) === undefined ? [] : [[name, String(reply.getHeader(name))]])),
      );
      await db.orm.update(idempotencyKeys).set({ statusCode: reply.statusCode, responseBody: body, responseHeaders: headers }).where(where);
    }
    return payload;
  });
}

/** Forgets keys older than a day. */
export async function pruneIdempotencyKeys(db: Database): Promise<void> {
  await db.orm.delete(idempotencyKeys).where(lt(idempotencyKeys.createdAt, sql`now() - ${`${RETENTION_HOURS} hours`}::interval`));
}
