// The security baseline over HTTP: headers on every kind of response (JSON, problem, 404, the API
// reference), and logs that hold no credential even at debug level.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { sql } from 'drizzle-orm';
import { startTestApp, type TestContext } from '../../testing.ts';
import { createUser, send, signIn } from '../auth/test-support.ts';
import { maskUrl } from './security.ts';

let t: TestContext;
let logs = '';
const capture = new Writable({
  write(chunk, _encoding, callback) {
    logs += chunk.toString();
    callback();
  },
});

before(async () => {
  t = await startTestApp({ logLevel: 'debug', logStream: capture });
});
after(() => t.close());

/** The CSP directives of a response as a map. */
function csp(headers: Record<string, unknown>): Map<string, string[]> {
  const value = String(headers['content-security-policy'] ?? '');
  return new Map(
    value
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name, ...values]) => [name!, values]),
  );
}

test('every response carries the security headers, including errors and unknown paths', async () => {
  const responses = {
    json: await t.api('GET', '/api/v1/accounts'),
    unauthenticated: await send(t, 'GET', '/api/v1/accounts'),
    notFound: await send(t, 'GET', '/no/such/page'),
    invalid: await send(t, 'POST', '/api/v1/auth/login', { body: { email: 1 } }),
  };
  for (const [name, reply] of Object.entries(responses)) {
    const h = reply.headers;
    assert.equal(h['x-content-type-options'], 'nosniff', name);
    assert.equal(h['x-frame-options'], 'DENY', name);
    assert.equal(h['referrer-policy'], 'no-referrer', name);
    assert.match(String(h['strict-transport-security']), /max-age=\d+/, name);
    const policy = csp(h);
    assert.deepEqual(policy.get('frame-ancestors'), ["'none'"], name);
    assert.deepEqual(policy.get('script-src'), ["'self'"], name);
    assert.deepEqual(policy.get('object-src'), ["'none'"], name);
    assert.equal(h['x-powered-by'], undefined, name);
  }
});

test('the API reference still loads under its CSP: no inline script, assets from this origin', async () => {
  const page = await t.app.inject({ url: '/api/docs/' });
  assert.equal(page.statusCode, 200);
  assert.equal(page.headers['x-content-type-options'], 'nosniff');
  const policy = csp(page.headers);
  const scriptSrc = policy.get('script-src') ?? policy.get('default-src') ?? [];
  assert.ok(!scriptSrc.includes("'unsafe-inline'") && !scriptSrc.includes("'unsafe-eval'"), scriptSrc.join(' '));
  assert.ok(!/<script>(?!\s*<\/script>)|<script(?![^>]*\bsrc=)[^>]*>\s*\S/.test(page.body), 'no inline script in the page');
  const assets = [...page.body.matchAll(/(?:src|href)="\.\/([^"]+)"/g)].map((m) => m[1]!);
  assert.ok(assets.some((a) => a.endsWith('swagger-ui-bundle.js')));
  for (const asset of assets) {
    const response = await t.app.inject({ url: `/api/docs/${asset}` });
    assert.equal(response.statusCode, 200, asset);
  }
  const initializer = await t.app.inject({ url: '/api/docs/static/swagger-initializer.js' });
  assert.match(initializer.body, /SwaggerUIBundle/);
  const spec = await t.app.inject({ url: '/api/docs/json' });
  assert.equal(spec.statusCode, 200);
  assert.ok(JSON.parse(spec.body).paths['/api/v1/auth/login'], 'the auth endpoints are documented');
});

test('secret query parameters are masked in logged URLs', () => {
  assert.equal(maskUrl('/reset?token=abc&x=1'), '/reset?token=[Redacted]&x=1');
  assert.equal(maskUrl('/a?x=1&PASSWORD=p&otp=123456'), '/a?x=1&PASSWORD=[Redacted]&otp=[Redacted]');
  assert.equal(maskUrl('/plain/path'), '/plain/path');
  assert.equal(maskUrl('/api/v1/calendar/feed/abcDEF_123-xyz.ics?x=1'), '/api/v1/calendar/feed/[Redacted]?x=1');
});

test('logs hold no password, cookie, CSRF token, API key, one-time code or SQL parameter', async () => {
  const user = await createUser(t);
  const { cookie, csrf } = await signIn(t, user);
  await send(t, 'POST', '/api/v1/auth/login', { body: { email: user.email, password: 'a wrong password for the log' } });
  await send(t, 'GET', '/api/v1/auth/me', { cookie });
  await send(t, 'POST', '/api/v1/auth/logout', { cookie, csrf });
  await t.api('GET', '/api/v1/auth/me');
  await send(t, 'GET', '/api/v1/anything?token=query-secret-123&password=query-password-456');
  await send(t, 'POST', '/api/v1/auth/password-reset/confirm', { body: { token: 'reset-token-secret-789', password: 'reset password secret' } });
  await send(t, 'POST', '/api/v1/auth/password-reset', { body: { email: user.email } });
  // Whatever a developer logs later: redaction covers headers and secret-named keys.
  t.app.log.info(
    {
      headers: { authorization: `Bearer ${t.token}`, cookie: `guanxi_session=${cookie}`, 'x-csrf-token': csrf },
      req: { method: 'GET', url: '/x', headers: { authorization: `Bearer ${t.token}` } },
      body: { password: user.password, otp: '123456' },
      token: 'top-level-token-xyz',
    },
    'an object with secrets',
  );
  // A failed query's error names its SQL but not its bound parameters.
  const failure = await t.db.rows(sql`select ${'sql-param-secret-000'}::text from no_such_table`).catch((error: unknown) => error);
  t.app.log.error({ err: failure }, 'a failed query');
  await new Promise((resolve) => setImmediate(resolve));

  assert.ok(logs.includes('incoming request'), 'requests were logged');
  assert.ok(logs.includes('a failed query') && logs.includes('Failed query'), 'the error was logged');
  for (const secret of [
    user.password,
    'a wrong password for the log',
    cookie,
    csrf,
    t.token,
    t.token.replace(/^gx_[0-9a-f]{12}_/, ''), // the secret part (it may itself hold underscores)
    'query-secret-123',
    'query-password-456',
    'reset-token-secret-789',
    'reset password secret',
    'top-level-token-xyz',
    'sql-param-secret-000',
  ]) {
    assert.ok(!logs.includes(secret), `the log contains "${secret}"`);
  }
  assert.ok(logs.includes('[Redacted]'));
});
