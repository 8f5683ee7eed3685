// Two API processes on one PostgreSQL: a write answered by one reaches a stream open on the other
// (LISTEN/NOTIFY), with the same access checks. Each app here has its own connection pool and LISTEN
// connection, as separate processes would.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildApp } from '../app.ts';
import { prepareDatabase } from '../boot.ts';
import { openPostgresDatabase } from '../platform/db/postgres.ts';
import { createApiKey } from '../platform/auth/api-keys.ts';
import { ensureUser } from '../platform/auth/users.ts';
import { createScratchPostgres } from '../platform/jobs/test-support.ts';

const serverUrl = process.env.TEST_DATABASE_URL;

test('a notification and a record event cross from one API process to a stream on another', { skip: !serverUrl && 'needs PostgreSQL (TEST_DATABASE_URL): PGlite serves one process' }, async () => {
  const scratch = await createScratchPostgres(serverUrl!);
  const dbA = await openPostgresDatabase(scratch.url, 2);
  const dbB = await openPostgresDatabase(scratch.url, 2);
  const appA = await buildApp({ db: dbA, registry: await prepareDatabase(dbA) });
  const appB = await buildApp({ db: dbB, registry: await prepareDatabase(dbB) });
  const controller = new AbortController();
  try {
    const admin = await ensureUser(dbA, { email: 'admin@example.com', name: 'Admin', roleKey: 'administrator' });
    const rep = await ensureUser(dbA, { email: 'rep@example.com', name: 'Rep', roleKey: 'sales_rep', locale: 'en' });
    const adminKey = (await createApiKey(dbA, admin.id, 'a')).token;
    const repKey = (await createApiKey(dbA, rep.id, 'r')).token;
    const base = await appB.listen({ port: 0, host: '127.0.0.1' });
    const response = await fetch(`${base}/api/v1/notifications/stream`, { headers: { authorization: `Bearer ${repKey}` }, signal: controller.signal });
    const reader = response.body!.getReader();
    await new Promise((resolve) => setTimeout(resolve, 200));
    const created = await appA.inject({ method: 'POST', url: '/api/v1/accounts', headers: { authorization: `Bearer ${adminKey}` }, payload: { name: 'Across 跨进程', ownerId: rep.id } });
    assert.equal(created.statusCode, 201);
    const id = JSON.parse(created.body).id as string;
    let text = '';
    const deadline = Date.now() + 10_000;
    while (!(text.includes('event: notification') && text.includes('event: record')) && Date.now() < deadline) {
      const { value, done } = await reader.read();
      if (done) break;
      text += new TextDecoder().decode(value);
    }
    assert.match(text, /event: notification\n.*"message":"Admin assigned the account “Across 跨进程” to you"/);
    assert.match(text, new RegExp(`event: record\\ndata: \\{"object":"accounts","id":"${id}","action":"create"`));
  } finally {
    controller.abort();
    await appA.close();
    await appB.close();
    await dbA.close();
    await dbB.close();
    await scratch.drop();
  }
});
