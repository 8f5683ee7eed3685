// Helpers for the authentication tests: a controllable clock, users with passwords, and cookie
// flows through app.inject.
import assert from 'node:assert/strict';
import type { InjectOptions } from 'fastify';
import type { TestContext } from '../../testing.ts';
import { ensureUser } from './users.ts';
import { setPassword } from './passwords.ts';
import { SESSION_COOKIE } from './sessions.ts';

/** A clock that stands still until moved. */
export function fakeClock(start = '2030-03-01T08:00:00Z') {
  let current = new Date(start).getTime();
  return {
    now: () => new Date(current),
    advance(ms: number) {
      current += ms;
    },
  };
}

export const MINUTE = 60_000;
export const PASSWORD = 'correct horse battery staple';

let counter = 0;
/** An active user with a password and an e-mail no other test uses. */
export async function createUser(
  t: TestContext,
  options: { roleKey?: string; locale?: string; password?: string } = {},
): Promise<{ id: string; email: string; password: string }> {
  const email = `user${++counter}.${process.pid}.${Date.now()}@example.com`;
  const { id } = await ensureUser(t.db, { email, name: `User ${counter} 用户`, roleKey: options.roleKey ?? 'sales_rep', locale: options.locale });
  const password = options.password ?? PASSWORD;
  await setPassword(t.db, id, password);
  return { id, email, password };
}

export interface Reply {
  status: number;
  headers: Record<string, unknown>;
  body: any;
  cookies: { name: string; value: string; [key: string]: unknown }[];
}

/** Sends a request without the admin key (cookie or nothing), parsing JSON. */
export async function send(
  t: TestContext,
  method: InjectOptions['method'],
  url: string,
  options: { body?: unknown; cookie?: string; csrf?: string; headers?: Record<string, string>; remoteAddress?: string } = {},
): Promise<Reply> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.cookie) headers.cookie = `${SESSION_COOKIE}=${options.cookie}`;
  if (options.csrf) headers['x-csrf-token'] = options.csrf;
  const response = await t.app.inject({
    method,
    url,
    headers,
    ...(options.remoteAddress ? { remoteAddress: options.remoteAddress } : {}),
    ...(options.body !== undefined ? { payload: options.body as InjectOptions['payload'] } : {}),
  });
  let body: unknown = response.body;
  try {
    body = response.body ? JSON.parse(response.body) : null;
  } catch {
    // not JSON
  }
  return { status: response.statusCode, headers: response.headers, body, cookies: response.cookies as Reply['cookies'] };
}

/** Signs in and returns the session cookie value and CSRF token. */
export async function signIn(
  t: TestContext,
  user: { email: string; password: string },
  extra: { otp?: string; cookie?: string; remoteAddress?: string } = {},
): Promise<{ cookie: string; csrf: string; reply: Reply }> {
  const reply = await send(t, 'POST', '/api/v1/auth/login', {
    body: { email: user.email, password: user.password, ...(extra.otp ? { otp: extra.otp } : {}) },
    cookie: extra.cookie,
    remoteAddress: extra.remoteAddress,
  });
  assert.equal(reply.status, 200, JSON.stringify(reply.body));
  const cookie = reply.cookies.find((c) => c.name === SESSION_COOKIE);
  assert.ok(cookie, 'the session cookie is set');
  return { cookie: cookie.value, csrf: reply.body.csrfToken, reply };
}

/** Asserts an RFC 9457 problem with this status. */
export function assertProblem(reply: { status: number; headers: Record<string, unknown>; body: any }, status: number): void {
  assert.equal(reply.status, status, JSON.stringify(reply.body));
  assert.match(String(reply.headers['content-type']), /^application\/problem\+json/);
  assert.equal(reply.body.status, status);
}
