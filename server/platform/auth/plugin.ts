// Authentication for /api/v1: a bearer API key or a web-session cookie, resolved to a
// RequestContext on the request. Cookie-authenticated writes need the session's CSRF token; with
// GUANXI_REQUIRE_MFA, a session of a user without MFA reaches only the enrolment endpoints.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Database } from '../db/index.ts';
import type { AuthSettings } from '../config.ts';
import type { Mailer } from '../mail/mailer.ts';
import { Problem } from '../http/problem.ts';
import { loadRequestContext } from '../access/load-context.ts';
import type { CachedContext, ContextCache } from '../access/context-cache.ts';
import { authenticateApiKey } from './api-keys.ts';
import { ApiKeyLimiter, rateLimitHeaders } from './key-rate-limit.ts';
import type { SecretBox } from './secret-box.ts';
import { sessionRequired } from './reauth.ts';
import type { RequestContext } from './context.ts';
import { endSession, findSession, isCsrfTokenValid, SESSION_COOKIE, type ActiveSession } from './sessions.ts';

declare module 'fastify' {
  interface FastifyRequest {
    ctx: RequestContext;
    /** The web session, when the caller authenticated with the session cookie. */
    authSession: ActiveSession | null;
  }
}

/** What the authentication hook and the auth routes share. */
export interface AuthDeps {
  db: Database;
  settings: AuthSettings;
  /** Base of links in e-mails (GUANXI_PUBLIC_URL). */
  publicUrl: string;
  /** The clock; tests pass a controllable one. */
  now: () => Date;
  mailer: Mailer;
  /** Contexts kept between requests, emptied whenever access changes (access/context-cache.ts). */
  contexts: ContextCache<CachedContext>;
  /** Seals the TOTP secrets stored in the database. */
  secrets: SecretBox;
}

/** Endpoints anyone may call. */
export const PUBLIC_PATHS = new Set([
  '/api/v1/health',
  '/api/v1/auth/login',
  '/api/v1/auth/password-reset',
  '/api/v1/auth/password-reset/confirm',
  '/api/v1/auth/invitation/accept',
  // The web-to-lead form on the organisation's site (domains/sales/lead-capture.ts: its own abuse checks).
  '/api/v1/web-to-lead',
  // A person's private iCalendar feed (domains/calendar/feeds.ts: the secret in the address is the credential).
  '/api/v1/calendar/feed/:file',
]);

/** What a session without MFA may reach while GUANXI_REQUIRE_MFA is on. */
export const MFA_ENROLMENT_PATHS = new Set([
  '/api/v1/auth/me',
  '/api/v1/auth/logout',
  '/api/v1/auth/logout-all',
  '/api/v1/auth/reauth',
  '/api/v1/auth/mfa/enroll',
  '/api/v1/auth/mfa/confirm',
]);

/**
 * Account-security actions: a stolen or narrowed API key must never lock the user out (enrol MFA with
 * the thief holding the codes, change the password), mint or revoke keys or end their sessions. Only
 * a web session may, and most also need a recent proof of identity (reauth.ts).
 */
export const SESSION_ONLY_ROUTES = new Set([
  'POST /api/v1/auth/mfa/enroll',
  'POST /api/v1/auth/mfa/confirm',
  'POST /api/v1/auth/mfa/disable',
  'POST /api/v1/auth/mfa/recovery-codes',
  'POST /api/v1/auth/reauth',
  'POST /api/v1/auth/password',
  'POST /api/v1/auth/logout-all',
  'POST /api/v1/auth/api-keys',
  'DELETE /api/v1/auth/api-keys/:id',
]);

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Sets the session cookie: HttpOnly, SameSite=Lax, Path=/, Secure when the request came over HTTPS. */
export function setSessionCookie(request: FastifyRequest, reply: FastifyReply, value: string, maxAgeSeconds: number): void {
  reply.setCookie(SESSION_COOKIE, value, {
    httpOnly: true,
    sameSite: 'lax',
    path: '/',
    secure: request.protocol === 'https',
    maxAge: maxAgeSeconds,
  });
}

export function clearSessionCookie(request: FastifyRequest, reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: 'lax', path: '/', secure: request.protocol === 'https' });
}

const unauthenticated = (key: 'detail.401' | 'detail.apiKeyInvalid' | 'detail.sessionEnded') => new Problem(401, { key }, [], { 'WWW-Authenticate': 'Bearer realm="guanxi"' });

/** Requires a valid API key or session on every /api/v1 route except the public ones. */
export function installAuthentication(app: FastifyInstance, deps: AuthDeps): void {
  const { db, settings } = deps;
  app.decorateRequest('ctx', null as unknown as RequestContext);
  app.decorateRequest('authSession', null);
  // Counted in the database across processes, without a query on the request path (key-rate-limit.ts).
  const limits = new ApiKeyLimiter(db, settings.apiKeyRateLimit, deps.now, (error) => app.log.error({ err: error }, 'could not count API-key requests'));
  app.addHook('onClose', () => limits.flush());

  // This process's own changes to users, teams, roles, sharing rules and keys (all under these paths)
  // empty the cache before their answer leaves, so the caller's next request already sees them; the
  // database triggers' NOTIFY covers other processes and any other writer.
  app.addHook('onSend', async (request) => {
    const path = request.routeOptions.url ?? '';
    if (!SAFE_METHODS.has(request.method) && (path.startsWith('/api/v1/admin/') || path.startsWith('/api/v1/auth/'))) deps.contexts.clear();
  });

  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    // Judged on the route the router chose, not the raw URL: `/%61pi/v1/accounts` reaches the same
    // handler as `/api/v1/accounts` and must meet the same check. No route, no handler: nothing to guard.
    const path = request.routeOptions.url;
    if (!path || !path.startsWith('/api/v1/') || PUBLIC_PATHS.has(path)) return;

    const header = request.headers.authorization;
    if (header !== undefined) {
      // A bearer key is used alone: an invalid one is refused even if a session cookie came along.
      const token = /^Bearer[ ]+(\S+)[ ]*$/i.exec(header)?.[1];
      const ctx = token ? await authenticateApiKey(db, token, deps.now(), deps.contexts) : undefined;
      if (!ctx) throw unauthenticated('detail.apiKeyInvalid');
      if (SESSION_ONLY_ROUTES.has(`${request.method} ${path}`)) throw sessionRequired();
      // After the secret is checked (in memory for a cached key), so nobody can spend another's quota.
      const verdict = limits.take(ctx.apiKeyId!);
      reply.headers(rateLimitHeaders(verdict));
      if (!verdict.isAllowed) {
        throw new Problem(429, { key: 'detail.rateLimited', params: { limit: verdict.limit, retryAfter: verdict.resetSeconds } });
      }
      request.ctx = ctx;
      return;
    }

    const cookie = request.cookies[SESSION_COOKIE];
    const session = cookie ? await findSession(db, cookie, settings, deps.now()) : undefined;
    if (!session) {
      if (cookie) clearSessionCookie(request, reply);
      throw unauthenticated(cookie ? 'detail.sessionEnded' : 'detail.401');
    }
    const cached = await deps.contexts.get(`session:${session.id}`, async () => {
      const loaded = await loadRequestContext(db, session.userId, { sessionId: session.id });
      return loaded ? { ctx: loaded } : undefined;
    });
    const ctx = cached?.ctx;
    if (!ctx) {
      await endSession(db, session.id); // the user was disabled or deleted
      clearSessionCookie(request, reply);
      throw unauthenticated('detail.sessionEnded');
    }
    if (!SAFE_METHODS.has(request.method) && !isCsrfTokenValid(session, request.headers['x-csrf-token'])) {
      throw new Problem(403, { key: 'detail.csrf' }, [
        { field: 'X-CSRF-Token', code: 'csrf', message: 'is missing or does not match the session' },
      ]);
    }
    if (settings.requireMfa && !session.hasMfa && !MFA_ENROLMENT_PATHS.has(path)) {
      throw new Problem(403, { key: 'detail.mfaRequired' }, [
        { field: 'mfa', code: 'mfa_enrollment_required', message: 'this organisation requires multi-factor sign-in' },
      ]);
    }
    request.ctx = ctx;
    request.authSession = session;
  });
}
