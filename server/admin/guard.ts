// Administration is for administrators only; every change is audited by the services.
import type { FastifyRequest } from 'fastify';
import { assertAdmin } from '../platform/access/index.ts';

/** Throws 403 unless the caller is an administrator. */
export function requireAdmin(request: FastifyRequest): void {
  assertAdmin(request.ctx);
}

export const uuidSchema = { type: 'string', format: 'uuid' } as const;
export const idParams = { type: 'object', required: ['id'], properties: { id: uuidSchema } } as const;
