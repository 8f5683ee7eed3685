// Authentication for /api/v1: a bearer API key, resolved to a RequestContext on the request.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Database } from '../db/index.ts';
import { Problem } from '../http/problem.ts';
import { authenticateApiKey } from './api-keys.ts';
import type { RequestContext } from './context.ts';

declare module 'fastify' {
  interface FastifyRequest {
    ctx: RequestContext;
  }
}

const publicPaths = new Set(['/api/v1/health']);

/** Requires a valid API key on every /api/v1 route except the public ones. */
export function installAuthentication(app: FastifyInstance, db: Database): void {
  app.decorateRequest('ctx', null as unknown as RequestContext);
  app.addHook('onRequest', async (request: FastifyRequest) => {
    const path = request.url.split('?')[0]!;
    if (!path.startsWith('/api/v1/') || publicPaths.has(path)) return;
    const header = request.headers.authorization;
    const token = header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
    const ctx = token ? await authenticateApiKey(db, token) : undefined;
    if (!ctx) {
      throw new Problem(401, token ? 'The API key is not valid or has been revoked.' : 'Send an API key: Authorization: Bearer <key>.', [], {
        'WWW-Authenticate': 'Bearer realm="guanxi"',
      });
    }
    request.ctx = ctx;
  });
}
