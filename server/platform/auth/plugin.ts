// Authentication for /api/v1: a bearer API key or a web-session cookie, resolved to a
// RequestContext on the request. Cookie-authenticated writes need the session's CSRF token; with
// GUANXI_REQUIRE_MFA, a session of a user without MFA reaches only the enrolment endpoints.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Database } from '../db/index.ts';
import type { AuthSettings } from '../config.ts';
import type { Mailer } from '../mail/mailer.ts';
import { Problem } from '../http/problem.ts';
import { loadRequestContext } from '../access/load-context.ts';
import { authenticateApiKey } from './api-keys.ts';
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
}

/** Endpoints anyone may call. */
export const PUBLIC_PATHS = new Set([
  '/api/v1/health',
  '/api/v1/auth/login',
  '/api/v1/auth/password-reset',
  '/api/v1/auth/password-reset/confirm',
]);

/** What a session without MFA may reach while GUANXI_REQUIRE_MFA is on. */
export const MFA_ENROLMENT_PATHS = new Set([
  '/api/v1/auth/me',
  '/api/v1/auth/logout',
  '/api/v1/auth/logout-all',
  '/api/v1/auth/mfa/enroll',
  '/api/v1/auth/mfa/confirm',
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

const unauthenticated = (detail: string) => new Problem(401, detail, [], { 'WWW-Authenticate': 'Bearer realm="guanxi"' });

/** Requires a valid API key or session on every /api/v1 route except the public ones. */
export function installAuthentication(app: FastifyInstance, deps: AuthDeps): void {
  const { db, settings } = deps;
  app.decorateRequest('ctx', null as unknown as RequestContext);
  app.decorateRequest('authSession', null);
  // In-process, per key: each API process counts on its own (docs/security.md).
  const limitApiKey = app.createRateLimit({
    keyGenerator: (request) => `api-key:${request.ctx.apiKeyId}`,
    max: settings.apiKeyRateLimit,
    timeWindow: 60_000,
  });

  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    const path = request.url.split('?')[0]!;
    if (!path.startsWith('/api/v1/') || PUBLIC_PATHS.has(path)) return;

    const header = request.headers.authorization;
    if (header !== undefined) {
      // A bearer key is used alone: an invalid one is refused even if a session cookie came along.
      const token = /^Bearer[ ]+(\S+)[ ]*$/i.exec(header)?.[1];
      const ctx = token ? await authenticateApiKey(db, token, deps.now()) : undefined;
      if (!ctx) throw unauthenticated('The API key is not valid or has been revoked.');
      request.ctx = ctx;
      const limit = await limitApiKey(request);
      if (!limit.isAllowed && limit.isExceeded) {
        throw new Problem(429, `This API key sent more than ${limit.max} requests in a minute; retry in ${limit.ttlInSeconds} s.`, [], {
          'Retry-After': String(limit.ttlInSeconds),
        });
      }
      return;
    }

    const cookie = request.cookies[SESSION_COOKIE];
    const session = cookie ? await findSession(db, cookie, settings, deps.now()) : undefined;
    if (!session) {
      if (cookie) clearSessionCookie(request, reply);
      throw unauthenticated(cookie ? 'Your session has ended; sign in again.' : 'Sign in, or send an API key: Authorization: Bearer <key>.');
    }
    const ctx = await loadRequestContext(db, session.userId, { sessionId: session.id });
    if (!ctx) {
      await endSession(db, session.id); // the user was disabled or deleted
      clearSessionCookie(request, reply);
      throw unauthenticated('Your session has ended; sign in again.');
    }
    if (!SAFE_METHODS.has(request.method) && !isCsrfTokenValid(session, request.headers['x-csrf-token'])) {
      throw new Problem(403, 'Send the X-CSRF-Token header with the token from sign-in (or GET /api/v1/auth/me).', [
        { field: 'X-CSRF-Token', code: 'csrf', message: 'is missing or does not match the session' },
      ]);
    }
    if (settings.requireMfa && !session.hasMfa && !MFA_ENROLMENT_PATHS.has(path)) {
      throw new Problem(403, 'Set up multi-factor sign-in first: POST /api/v1/auth/mfa/enroll, then /api/v1/auth/mfa/confirm.', [
        { field: 'mfa', code: 'mfa_enrollment_required', message: 'this organisation requires multi-factor sign-in' },
      ]);
    }
    request.ctx = ctx;
    request.authSession = session;
  });
}
