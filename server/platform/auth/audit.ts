// Audit events for authentication. Details never hold a password, token, code or cookie.
import type { FastifyRequest } from 'fastify';
import type { Database } from '../db/index.ts';
import { logAuditEvent } from '../audit/audit.ts';
import type { RequestContext } from './context.ts';

export type AuthAuditAction =
  | 'auth.login'
  | 'auth.login_failed'
  | 'auth.lockout'
  | 'auth.logout'
  | 'auth.logout_all'
  | 'auth.mfa_enrolled'
  | 'auth.mfa_enabled'
  | 'auth.mfa_disabled'
  | 'auth.mfa_recovery_code_used'
  | 'auth.mfa_recovery_codes_regenerated'
  | 'auth.reauthenticated'
  | 'auth.reauth_failed'
  | 'auth.password_changed'
  | 'auth.invitation_created'
  | 'auth.invitation_accepted'
  | 'auth.password_set'
  | 'auth.password_reset_requested'
  | 'auth.password_reset_completed'
  | 'auth.api_key_created'
  | 'auth.api_key_revoked'
  | 'auth.api_key_used'
  | 'auth.permission_denied';

/** Where a request came from, for the audit trail. */
export function requestOrigin(request: FastifyRequest): { ip: string; userAgent?: string } {
  const userAgent = request.headers['user-agent'];
  return { ip: request.ip, ...(typeof userAgent === 'string' ? { userAgent: userAgent.slice(0, 256) } : {}) };
}

export function logAuthEvent(
  db: Database,
  action: AuthAuditAction,
  event: { actorId: string | null; target: string; details?: Record<string, unknown> },
): Promise<void> {
  return logAuditEvent(db, { actorId: event.actorId, action, target: event.target, details: event.details });
}

/**
 * Records a refused action (a 403). Call it where access control denies a request, e.g.
 * `await logPermissionDenied(db, ctx, { target: 'accounts/0190…', action: 'update', reason: 'not owner' })`.
 */
export function logPermissionDenied(
  db: Database,
  ctx: RequestContext,
  details: { target: string; action?: string; reason?: string; [key: string]: unknown },
): Promise<void> {
  const { target, ...rest } = details;
  return logAuditEvent(db, {
    actorId: ctx.userId,
    action: 'auth.permission_denied',
    target,
    details: { ...rest, ...(ctx.apiKeyId ? { apiKeyId: ctx.apiKeyId } : {}), via: ctx.apiKeyId ? 'api_key' : ctx.sessionId ? 'session' : 'system' },
  });
}
