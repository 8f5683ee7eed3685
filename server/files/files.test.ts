// Attachments over HTTP on a real database and a real folder: types judged by their bytes, Chinese file
// names, size limits, downloads that never render, record access on every path, and backups.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { startTestApp, openScratchDatabase, type TestContext } from '../testing.ts';
import { createApiKey } from '../platform/auth/api-keys.ts';
import { ensureUser } from '../platform/auth/users.ts';
import { backupAll, restoreAll } from '../backup.ts';
import { prepareDatabase } from '../boot.ts';
import { localFileStore } from './store.ts';

let t: TestContext;
let rep: string;
let account: Record<string, any>;
const pdf = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');

async function upload(token: string, url: string, body: Buffer, contentType = 'application/octet-stream') {
  const r = await t.app.inject({ method: 'POST', url, headers: { authorization: `Bearer ${token}`, 'content-type': contentType }, payload: body });
  return { status: r.statusCode, headers: r.headers, body: r.body ? JSON.parse(r.body) : null };
}

before(async () => {
  t = await startTestApp({ settings: { files: { maxBytes: 64 * 1024 } } });
  const user = await ensureUser(t.db, { email: 'files-rep@example.com', name: 'Rep', roleKey: 'sales_rep' });
  rep = (await createApiKey(t.db, user.id, 'rep')).token;
  account = await t.create('accounts', { name: '附件客户' });
});
after(() => t.close());

test('a file is stored with the type its bytes show, and downloads as an attachment with its Chinese name', async () => {
  const url = `/api/v1/accounts/${account.id}/attachments?filename=${encodeURIComponent('报价单 v2.pdf')}`;
  // The client claims HTML: the bytes say PDF, and PDF is what is stored and served.
  const added = await upload(t.token, url, pdf, 'text/html');
  assert.equal(added.status, 201, JSON.stringify(added.body));
  assert.equal(added.body.contentType, 'application/pdf');
  assert.equal(added.body.fileName, '报价单 v2.pdf');
  assert.equal(added.body.size, pdf.length);

  const download = await t.app.inject({ method: 'GET', url: `/api/v1/attachments/${added.body.id}`, headers: { authorization: `Bearer ${t.token}` } });
  assert.equal(download.statusCode, 200);
  assert.deepEqual(download.rawPayload, pdf);
  assert.equal(download.headers['content-type'], 'application/pdf');
  assert.equal(download.headers['x-content-type-options'], 'nosniff');
  assert.equal(download.headers['content-disposition'], `attachment; filename="___ v2.pdf"; filename*=UTF-8''%E6%8A%A5%E4%BB%B7%E5%8D%95%20v2.pdf`);

  const list = await t.api('GET', `/api/v1/accounts/${account.id}/attachments`);
  assert.deepEqual(list.body.data.map((a: { id: string }) => a.id), [added.body.id]);
});

test('only allowed kinds of file: documents, images, plain text; not HTML, SVG or programs', async () => {
  const base = `/api/v1/accounts/${account.id}/attachments?filename=`;
  assert.equal((await upload(t.token, `${base}logo.png`, png)).body.contentType, 'image/png');
  assert.equal((await upload(t.token, `${base}notes.txt`, Buffer.from('拜访纪要：客户关心价格。'))).body.contentType, 'text/plain; charset=utf-8');
  const refused: Array<[string, Buffer]> = [
    ['page.html', Buffer.from('<html><script>alert(1)</script></html>')],
    ['image.svg', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')],
    ['tool.exe', Buffer.from('4d5a90000300000004000000ffff0000', 'hex')],
    ['binary.txt', Buffer.from([0x00, 0x01, 0x02, 0x03])],
  ];
  for (const [name, body] of refused) {
    const r = await upload(t.token, `${base}${name}`, body);
    assert.equal(r.status, 415, name);
    assert.equal(r.body.errors[0].code, 'unsupported_type');
  }
  assert.equal((await upload(t.token, `${base}`, pdf)).status, 400, 'a name is needed');
  assert.equal((await upload(t.token, `${base}empty.pdf`, Buffer.alloc(0))).status, 400);
});

test('a file over the size limit is a 413 problem and nothing is stored', async () => {
  const before = readdirSync(t.filesDir, { recursive: true }).length;
  const r = await upload(t.token, `/api/v1/accounts/${account.id}/attachments?filename=big.pdf`, Buffer.concat([pdf, Buffer.alloc(70 * 1024)]));
  assert.equal(r.status, 413);
  assert.match(String(r.headers['content-type']), /application\/problem\+json/);
  assert.equal(readdirSync(t.filesDir, { recursive: true }).length, before);
});

test("a rep can neither see, download, add nor remove the files of another team's private account", async () => {
  const file = (await upload(t.token, `/api/v1/accounts/${account.id}/attachments?filename=secret.pdf`, pdf)).body;
  const as = (method: 'GET' | 'DELETE', url: string) => t.app.inject({ method, url, headers: { authorization: `Bearer ${rep}` } });
  assert.equal((await as('GET', `/api/v1/accounts/${account.id}/attachments`)).statusCode, 404);
  assert.equal((await as('GET', `/api/v1/attachments/${file.id}`)).statusCode, 404);
  assert.equal((await as('DELETE', `/api/v1/attachments/${file.id}`)).statusCode, 404);
  assert.equal((await upload(rep, `/api/v1/accounts/${account.id}/attachments?filename=x.pdf`, pdf)).status, 404);
  // Readable for everyone: the rep downloads, but may not add or remove.
  await t.api('PUT', '/api/v1/admin/objects/accounts/access', { default: 'publicRead' });
  try {
    assert.equal((await as('GET', `/api/v1/attachments/${file.id}`)).statusCode, 200);
    assert.equal((await as('DELETE', `/api/v1/attachments/${file.id}`)).statusCode, 403);
    assert.equal((await upload(rep, `/api/v1/accounts/${account.id}/attachments?filename=x.pdf`, pdf)).status, 403);
  } finally {
    await t.api('PUT', '/api/v1/admin/objects/accounts/access', { default: 'private' });
  }
});

test('removing a file removes its bytes', async () => {
  const file = (await upload(t.token, `/api/v1/accounts/${account.id}/attachments?filename=gone.pdf`, pdf)).body;
  const [{ key }] = await t.db.rows<{ key: string }>(
    sql`select storage_key as key from attachments where id = ${file.id}::uuid`,
  );
  assert.ok(existsSync(join(t.filesDir, key)));
  assert.equal((await t.api('DELETE', `/api/v1/attachments/${file.id}`)).status, 204);
  assert.ok(!existsSync(join(t.filesDir, key)));
  assert.equal((await t.api('GET', `/api/v1/attachments/${file.id}`)).status, 404);
});

test('a backup carries the files, and a restore brings their bytes back', async () => {
  const file = (await upload(t.token, `/api/v1/accounts/${account.id}/attachments?filename=${encodeURIComponent('合同.pdf')}`, pdf)).body;
  const dir = mkdtempSync(join(tmpdir(), 'guanxi-files-backup-'));
  const scratch = await openScratchDatabase('embedded');
  try {
    const backup = join(dir, 'backup.sql.gz');
    await backupAll(t.db, t.registry, backup, localFileStore(t.filesDir));
    const restoredFiles = join(dir, 'files');
    const registry = await prepareDatabase(scratch.db);
    await restoreAll(scratch.db, registry, backup, localFileStore(restoredFiles));
    const [row] = await scratch.db.rows<{ key: string; name: string }>(
      sql`select storage_key as key, file_name as name from attachments where id = ${file.id}::uuid`,
    );
    assert.equal(row!.name, '合同.pdf');
    assert.deepEqual(await localFileStore(restoredFiles).readAll(row!.key), pdf);
  } finally {
    await scratch.drop();
    rmSync(dir, { recursive: true, force: true });
  }
});
