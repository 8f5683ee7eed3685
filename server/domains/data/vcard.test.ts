// vCard files: 3.0 (quoted-printable, folded lines) and 4.0 read into the import's table and imported
// through the same steps as a CSV; contacts exported as vCard 4.0 read back the same, with a rep's
// export holding only the records and fields they may see.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createApiKey } from '../../platform/auth/api-keys.ts';
import { startTestApp, type TestContext } from '../../testing.ts';
import { executeImport } from './import-runner.ts';
import { executeUndo } from './import-undo.ts';
import { readVcardTable, vcardColumns } from './vcard-read.ts';
import { escapeVcardText, foldVcardLine } from './vcard-write.ts';

const v30 = [
  'BEGIN:VCARD',
  'VERSION:3.0',
  'N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=E5=BC=A0;=E4=BC=9F;;;',
  'FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=E5=BC=A0=E4=BC=9F',
  'ORG:华为技术;市场部',
  'TITLE:销售经理',
  'TEL;TYPE=WORK,VOICE:010 6552 9988',
  'TEL;TYPE=CELL:138 0013 8000',
  'EMAIL;TYPE=INTERNET,PREF:zhang.wei@example.com',
  'EMAIL;TYPE=INTERNET:other@example.com',
  'ADR;TYPE=WORK:;;科技园南路 1 号;深圳;广东;518057;中国',
  'NOTE;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=E7=AC=AC=E4=B8=80=E8=A1=8C=0A=E7=AC=AC=E4=BA=8C=',
  '=E8=A1=8C',
  'BDAY:1985-04-12',
  'END:VCARD',
  'BEGIN:VCARD',
  'VERSION:3.0',
  'N:Lovelace;Ada;;;',
  'EMAIL:ada@example.com',
  'NOTE:A very long note that was folded by the phone that wrote it\\, with an escaped comma ',
  ' and a second half.',
  'END:VCARD',
].join('\r\n');

const v40 = [
  'BEGIN:VCARD',
  'VERSION:4.0',
  'FN:李娜',
  'N:李;娜;;;',
  'EMAIL;TYPE=work;PREF=1:li.na@example.cn',
  'TEL;VALUE=uri;TYPE="cell,voice":tel:+86-139-1234-5678',
  'ORG:上海星空科技',
  'BDAY:19900101',
  'END:VCARD',
  '',
].join('\n');

test('vCard 3.0: quoted-printable UTF-8, soft and folded lines, several cards, the preferred e-mail', () => {
  const { header, rows } = readVcardTable(v30);
  assert.deepEqual(header, Object.values(vcardColumns));
  const at = (row: string[], column: keyof typeof vcardColumns) => row[header.indexOf(vcardColumns[column])];
  assert.equal(rows.length, 2);
  const [zhang, ada] = rows as [string[], string[]];
  assert.equal(at(zhang, 'name'), '张伟');
  assert.equal(at(zhang, 'email'), 'zhang.wei@example.com');
  assert.equal(at(zhang, 'phone'), '010 6552 9988');
  assert.equal(at(zhang, 'mobile'), '138 0013 8000');
  assert.equal(at(zhang, 'organization'), '华为技术');
  assert.equal(at(zhang, 'department'), '市场部');
  assert.equal(at(zhang, 'title'), '销售经理');
  assert.equal(at(zhang, 'city'), '深圳');
  assert.equal(at(zhang, 'address'), '科技园南路 1 号, 深圳, 广东, 518057, 中国');
  assert.equal(at(zhang, 'note'), '第一行\n第二行');
  assert.equal(at(zhang, 'birthday'), '1985-04-12');
  assert.equal(at(ada, 'name'), 'Ada Lovelace', 'from N when there is no FN');
  assert.equal(at(ada, 'note'), 'A very long note that was folded by the phone that wrote it, with an escaped comma and a second half.');
});

test('vCard 4.0: a Chinese name, a tel: URI, a quoted TYPE list, a basic date', () => {
  const { header, rows } = readVcardTable(v40);
  const at = (column: keyof typeof vcardColumns) => rows[0]![header.indexOf(vcardColumns[column])];
  assert.equal(rows.length, 1);
  assert.equal(at('name'), '李娜');
  assert.equal(at('mobile'), '+86-139-1234-5678');
  assert.equal(at('email'), 'li.na@example.cn');
  assert.equal(at('organization'), '上海星空科技');
  assert.equal(at('birthday'), '1990-01-01');
});

test('escaping and folding at 75 octets, never inside a UTF-8 character', () => {
  assert.equal(escapeVcardText('a,b;c\\d\ne'), 'a\\,b\\;c\\\\d\\ne');
  const folded = foldVcardLine(`NOTE:${'长'.repeat(60)}`);
  const lines = folded.split('\r\n').slice(0, -1);
  assert.ok(lines.length > 1);
  for (const line of lines) assert.ok(Buffer.byteLength(line, 'utf8') <= 75, line);
  assert.equal(lines.map((line, i) => (i === 0 ? line : line.slice(1))).join(''), `NOTE:${'长'.repeat(60)}`);
});

let t: TestContext;

before(async () => {
  t = await startTestApp();
});
after(() => t?.close());

async function upload(fileName: string, text: string) {
  const reply = await t.app.inject({ method: 'POST', url: `/api/v1/contacts/imports?filename=${encodeURIComponent(fileName)}`, headers: { authorization: `Bearer ${t.token}`, 'content-type': 'text/vcard' }, payload: Buffer.from(text) });
  return { status: reply.statusCode, body: JSON.parse(reply.body) };
}

async function download(url: string, token = t.token) {
  const reply = await t.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });
  return { status: reply.statusCode, headers: reply.headers, text: reply.body };
}

test('a .vcf file goes through the import: the vCard mapping, dry run, run and undo', async () => {
  await t.create('accounts', { name: '华为技术', city: '深圳' });
  const uploaded = await upload('联系人.vcf', v30);
  assert.equal(uploaded.status, 201, JSON.stringify(uploaded.body));
  assert.equal(uploaded.body.source.format, 'vcf');
  assert.equal(uploaded.body.totalRows, 2);
  assert.deepEqual(uploaded.body.settings.columns, { 'Full name': 'name', 'E-mail': 'email', Phone: 'phone', Mobile: 'mobile', Organization: 'accountId', Department: 'department', Title: 'title', City: 'city', Birthday: 'birthday', Note: 'notes' });
  const dry = await t.api('POST', `/api/v1/imports/${uploaded.body.id}/dry-run?locale=en`);
  assert.deepEqual(dry.body.counts, { created: 2, updated: 0, unchanged: 0, skipped: 0, failed: 0 }, JSON.stringify(dry.body));
  assert.equal((await t.api('POST', `/api/v1/imports/${uploaded.body.id}/run`)).status, 202);
  await executeImport({ db: t.db, registry: t.registry }, uploaded.body.id);
  const [zhang] = (await t.api('GET', `/api/v1/contacts?filter=${encodeURIComponent("email eq 'zhang.wei@example.com'")}`)).body.data;
  assert.equal(zhang.name, '张伟');
  assert.equal(zhang.mobile.e164, '+8613800138000');
  assert.equal(zhang.notes, '第一行\n第二行');
  assert.equal((await t.api('POST', `/api/v1/imports/${uploaded.body.id}/undo`)).status, 202);
  await executeUndo({ db: t.db, registry: t.registry }, uploaded.body.id, t.adminId);
  assert.equal((await t.api('GET', `/api/v1/contacts/${zhang.id}`)).status, 404);
});

test('a broken or empty vCard file is a 400, never a 500; an unknown charset is read as UTF-8', async () => {
  for (const text of ['BEGIN:VCARD\r\nFN:No end', 'BEGIN:VCARD\r\nEND:VCARD\r\n']) {
    const reply = await upload('broken.vcf', text);
    assert.equal(reply.status, 400, JSON.stringify(reply.body));
  }
  const odd = await upload('odd.vcf', 'BEGIN:VCARD\r\nFN:Odd\r\nNOTE;ENCODING=QUOTED-PRINTABLE;CHARSET=nonsense:=ZZ=E7=AC=AC\r\nEND:VCARD');
  assert.equal(odd.status, 201, JSON.stringify(odd.body));
  assert.equal(odd.body.source.sample[0].at(-1), '=ZZ第');
});

test('export as vCard 4.0 reads back as the same contacts', async () => {
  const account = await t.create('accounts', { name: 'Semi; colon, Co', city: '上海' });
  const contact = { name: '欧阳 娜娜', email: 'ouyang@example.com', phone: '021 6888 0001', mobile: '139 1234 5678', accountId: account.id, department: '采购部', title: 'Buyer, senior', city: '上海', birthday: '1991-07-08', notes: '第一行\n第二行；还有\\反斜杠。' + '很长的备注'.repeat(20) };
  await t.create('contacts', contact);
  const reply = await download(`/api/v1/contacts/export?format=vcf&filter=${encodeURIComponent("email eq 'ouyang@example.com'")}`);
  assert.equal(reply.status, 200, reply.text);
  assert.equal(reply.headers['content-type'], 'text/vcard; charset=utf-8');
  assert.match(String(reply.headers['content-disposition']), /\.vcf"/);
  assert.ok(reply.text.startsWith('BEGIN:VCARD\r\nVERSION:4.0\r\n'));
  for (const line of reply.text.split('\r\n')) assert.ok(Buffer.byteLength(line, 'utf8') <= 75, line);
  const { header, rows } = readVcardTable(reply.text);
  assert.equal(rows.length, 1);
  const back = Object.fromEntries(header.map((title, i) => [title, rows[0]![i]]));
  assert.deepEqual(back, {
    'Full name': contact.name, 'E-mail': contact.email, Phone: '+862168880001', Mobile: '+8613912345678', Organization: 'Semi; colon, Co', Department: '采购部',
    Title: contact.title, City: '上海', Address: '上海', Birthday: contact.birthday, Note: contact.notes,
  });
  const accounts = await download('/api/v1/accounts/export?format=vcf');
  assert.equal(accounts.status, 400);
  assert.equal(JSON.parse(accounts.text).title !== undefined, true);
});

test("a rep's vCard export lacks hidden fields and records they may not read", async () => {
  const role = await t.api('POST', '/api/v1/admin/roles', {
    key: 'vcard_probe',
    name: { en: 'vCard probe', 'zh-CN': '名片探针' },
    permissions: { objects: { contacts: ['read', 'create', 'edit', 'export'], '*': ['read'] }, fields: { contacts: { notes: 'hidden', mobile: 'hidden' } } },
  });
  assert.equal(role.status, 201, JSON.stringify(role.body));
  const rep = await t.api('POST', '/api/v1/admin/users', { email: 'vcard-rep@example.com', name: 'Rep 名片', roleId: role.body.id });
  const token = (await createApiKey(t.db, rep.body.id, 'vcard')).token;
  await t.create('contacts', { name: '我的联系人', email: 'mine@example.com', mobile: '139 0000 0001', notes: 'secret-note', ownerId: rep.body.id });
  await t.create('contacts', { name: 'Not mine 别人的', email: 'theirs@example.com' });
  const reply = await download('/api/v1/contacts/export?format=vcf', token);
  assert.equal(reply.status, 200, reply.text);
  const { rows } = readVcardTable(reply.text);
  assert.equal(rows.length, 1, 'only the record the rep owns');
  assert.ok(reply.text.includes('FN:我的联系人'));
  assert.ok(!reply.text.includes('secret-note') && !reply.text.includes('NOTE') && !reply.text.includes('cell'), 'no hidden field');
  assert.ok(!reply.text.includes('theirs@example.com'));
});
