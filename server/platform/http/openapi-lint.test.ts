// The OpenAPI document passes Spectral's OpenAPI rules and the OWASP API Security Top 10 with no error
// (waivers and their reasons in .spectral.yaml), and marks what a strict client may rely on as required.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { startTestApp, type TestContext } from '../../testing.ts';

let t: TestContext;
let dir: string;
const root = new URL('../../../', import.meta.url).pathname;

before(async () => {
  t = await startTestApp({ settings: { publicUrl: 'https://crm.example.com' } });
  dir = mkdtempSync(join(tmpdir(), 'guanxi-openapi-'));
});
after(async () => {
  rmSync(dir, { recursive: true, force: true });
  await t.close();
});

type Finding = { code: string; severity: number; path: string[]; message: string };

async function lint(document: unknown): Promise<Finding[]> {
  const file = join(dir, 'openapi.json');
  writeFileSync(file, JSON.stringify(document));
  const cli = join(root, 'node_modules/.bin/spectral');
  // Spectral exits non-zero when it finds errors; the JSON on stdout says which.
  const run = promisify(execFile)(cli, ['lint', file, '--ruleset', join(root, '.spectral.yaml'), '--format', 'json', '--quiet'], { maxBuffer: 64 * 1024 * 1024 });
  const { stdout } = await run.catch((error: { stdout?: string; message: string }) => ({ stdout: error.stdout || error.message }));
  const findings = JSON.parse(stdout) as Finding[];
  // Warnings (e.g. operations without a description) are expected: none at all would mean nothing was linted.
  assert.ok(findings.some((f) => f.code === 'operation-description'), 'Spectral ran and read the document');
  return findings;
}

const errorsOf = (findings: Finding[]) => findings.filter((f) => f.severity === 0).map((f) => `${f.code} at ${f.path.join('.')}: ${f.message}`);

test('the full document (as an administrator sees it) has no Spectral or OWASP error', async () => {
  const doc = await t.api('GET', '/api/v1/openapi.json');
  assert.equal(doc.status, 200);
  assert.deepEqual(errorsOf(await lint(doc.body)), []);
});

test('the public reference has no Spectral or OWASP error either', async () => {
  const doc = await t.app.inject({ method: 'GET', url: '/api/docs/json' });
  assert.equal(doc.statusCode, 200);
  assert.deepEqual(errorsOf(await lint(JSON.parse(doc.body))), []);
});

test('what is always there is required, so a strict generated client can use it without checks', async () => {
  const { body: doc } = await t.api('GET', '/api/v1/openapi.json');
  assert.deepEqual(doc.components.schemas.Accounts.required, ['id', 'version']);
  const list = doc.paths['/api/v1/accounts'].get.responses['200'].content['application/json'].schema;
  assert.deepEqual(list.required, ['data', 'nextCursor']);
  assert.equal(list.properties.data.maxItems, 500);
  const money = doc.components.schemas.Opportunities.properties.amount.anyOf[0];
  assert.deepEqual(money.required, ['amount', 'currency']);
  assert.equal(money.properties.amount.format, 'decimal');
  assert.equal(doc.components.schemas.ContactsCreate.properties.mobile.anyOf[0].format, 'phone');
  const get = doc.paths['/api/v1/accounts/{id}'].get.responses;
  for (const status of ['401', '404', '429', '500']) assert.ok(get[status], status);
  assert.ok(get['200'].headers['RateLimit-Limit']);
  assert.ok(get['429'].headers['Retry-After']);
  assert.deepEqual(doc.servers.map((s: { url: string }) => s.url), ['https://crm.example.com']);
});
