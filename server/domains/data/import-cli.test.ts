// `guanxi import` as the command runs it: a GB18030 file imported as a user with progress printed per
// batch, a dry run that writes nothing, and a user without the import permission refused.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { startTestApp, type TestContext } from '../../testing.ts';
import { ensureUser } from '../../platform/auth/users.ts';
import { importFromCli } from './import-cli.ts';

let t: TestContext;
let dir: string;

before(async () => {
  t = await startTestApp();
  dir = mkdtempSync(join(tmpdir(), 'guanxi-import-'));
});
after(async () => {
  rmSync(dir, { recursive: true, force: true });
  await t.close();
});

test('the command imports a file as a user and prints its progress', async () => {
  const rows = Array.from({ length: 250 }, (_, i) => `命令行客户${i};杭州;CLI-${i}`);
  const file = join(dir, '客户.csv');
  writeFileSync(file, iconv.encode(['名称;城市;编号', ...rows].join('\r\n'), 'gb18030'));
  const dry: string[] = [];
  await importFromCli(t.db, t.registry, file, { object: 'accounts', as: 'admin@example.com', map: ['编号=externalId'], mode: 'upsert', match: 'externalId', isDryRun: true }, (line) => dry.push(line));
  assert.match(dry.join('\n'), /250 rows of 客户\.csv \(csv, gb18030\) into accounts/);
  assert.match(dry.join('\n'), /Dry run \(nothing written\): 250 created, 0 updated/);
  assert.equal((await t.api('GET', `/api/v1/accounts?filter=${encodeURIComponent("city eq '杭州'")}`)).body.data.length, 0);

  const lines: string[] = [];
  await importFromCli(t.db, t.registry, file, { object: 'accounts', as: 'admin@example.com', map: ['编号=externalId'], mode: 'upsert', match: 'externalId' }, (line) => lines.push(line));
  assert.ok(lines.includes('  200/250 rows') && lines.includes('  250/250 rows'), lines.join('\n'));
  assert.match(lines.at(-1)!, /is completed: 250 created, 0 updated, 0 unchanged, 0 skipped, 0 failed/);

  // The same file again: every row matched by its external id and unchanged.
  const again: string[] = [];
  await importFromCli(t.db, t.registry, file, { object: 'accounts', as: 'admin@example.com', map: ['编号=externalId'], mode: 'upsert', match: 'externalId' }, (line) => again.push(line));
  assert.match(again.at(-1)!, /0 created, 0 updated, 250 unchanged/);
});

test('the command refuses a user without the import permission', async () => {
  await ensureUser(t.db, { email: 'rep-cli@example.com', name: 'Rep 命令行', roleKey: 'sales_rep' });
  const file = join(dir, 'c.csv');
  writeFileSync(file, 'Name\r\nA\r\n');
  await assert.rejects(importFromCli(t.db, t.registry, file, { object: 'contacts', as: 'rep-cli@example.com' }, () => {}), /not allowed|may not|import/i);
  await assert.rejects(importFromCli(t.db, t.registry, file, { object: 'contacts', as: 'nobody@example.com' }, () => {}), /No active user/);
});
