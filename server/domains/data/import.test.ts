// Imports over HTTP on a real database: upload with encoding and delimiter detection, the suggested
// mapping, a dry run that writes nothing and reports each bad row, the background run resumed after a
// crash with the exact row count, the error file, undo with conflicts, and the import permission.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import iconv from 'iconv-lite';
import { sql } from 'drizzle-orm';
import { startTestApp, type TestContext } from '../../testing.ts';
import { createApiKey } from '../../platform/auth/api-keys.ts';
import { ensureUser } from '../../platform/auth/users.ts';
import { executeImport } from './import-runner.ts';
import { executeUndo } from './import-undo.ts';
import { xlsxFile } from './xlsx-file.ts';

let t: TestContext;

before(async () => {
  t = await startTestApp();
});
after(() => t.close());

async function upload(object: string, fileName: string, bytes: Buffer, token?: string) {
  const response = await t.app.inject({
    method: 'POST',
    url: `/api/v1/${object}/imports?filename=${encodeURIComponent(fileName)}`,
    headers: { authorization: `Bearer ${token ?? t.token}`, 'content-type': 'text/csv' },
    payload: bytes,
  });
  return { status: response.statusCode, body: JSON.parse(response.body) };
}

async function count(table: string): Promise<number> {
  const [row] = await t.db.rows<{ n: number | string }>(sql`select count(*) as n from ${sql.identifier(table)} where deleted_at is null`);
  return Number(row!.n);
}

/** Runs the queued import to the end, as the worker would (tests run no worker). */
async function runToEnd(id: string) {
  const started = await t.api('POST', `/api/v1/imports/${id}/run`);
  assert.equal(started.status, 202, JSON.stringify(started.body));
  await executeImport({ db: t.db, registry: t.registry }, id);
  return (await t.api('GET', `/api/v1/imports/${id}`)).body;
}

test('a GB18030 file with Chinese headers and semicolons is detected, and its columns are suggested', async () => {
  const csv = '姓名;邮箱;电话;城市;生日;Job title\r\n张伟;zhang.wei@example.com;138 0013 8000;上海;2024年3月5日;经理\r\n';
  const reply = await upload('contacts', '联系人.csv', iconv.encode(csv, 'gb18030'));
  assert.equal(reply.status, 201, JSON.stringify(reply.body));
  assert.deepEqual({ ...reply.body.source, sample: undefined }, { format: 'csv', encoding: 'gb18030', delimiter: ';', header: ['姓名', '邮箱', '电话', '城市', '生日', 'Job title'], sample: undefined });
  assert.equal(reply.body.sample?.[0]?.[0] ?? reply.body.source.sample[0][0], '张伟');
  assert.deepEqual(reply.body.settings.columns, { 姓名: 'name', 邮箱: 'email', 电话: 'phone', 城市: 'city', 生日: 'birthday', 'Job title': 'title' });
  assert.equal(reply.body.totalRows, 1);

  // UTF-8 with a BOM, and plain UTF-8, are told apart; the encoding can be overridden.
  const bom = await upload('contacts', 'a.csv', Buffer.from('\uFEFFName,E-mail\r\nA,a@example.com\r\n'));
  assert.equal(bom.body.source.encoding, 'utf-8-bom');
  assert.deepEqual(bom.body.settings.columns, { Name: 'name', 'E-mail': 'email' });
  const plain = await upload('contacts', 'b.csv', Buffer.from('名称\t城市\r\n甲\t北京\r\n'));
  assert.deepEqual([plain.body.source.encoding, plain.body.source.delimiter], ['utf-8', '\t']);
  const changed = await t.api('PATCH', `/api/v1/imports/${plain.body.id}`, { source: { encoding: 'gb18030', delimiter: ',' } });
  assert.equal(changed.status, 200, JSON.stringify(changed.body));
  assert.equal(changed.body.source.encoding, 'gb18030');
});

test('the dry run writes nothing and reports every bad row with its reason', async () => {
  await t.create('accounts', { name: '华为技术', city: '深圳' });
  const csv = [
    '名称,类型,员工人数,电话,城市,外部编号,上级单位',
    '好公司,成交客户,120,010 6552 9988,北京,EXT-1,华为技术', // fine
    '坏数字,customer,很多,,上海,EXT-2,', // wrong type
    '坏选项,大客户,5,,上海,EXT-3,', // unknown pick-list value
    ',prospect,5,,上海,EXT-4,', // missing required name
    '坏电话,prospect,5,12,上海,EXT-5,', // bad phone
    '没上级,prospect,5,,上海,EXT-6,不存在的公司', // lookup not found
    '重复,prospect,5,,上海,EXT-1,', // key repeated inside the file
  ].join('\r\n');
  const uploaded = await upload('accounts', 'accounts.csv', Buffer.from(csv));
  assert.equal(uploaded.status, 201, JSON.stringify(uploaded.body));
  const columns = uploaded.body.settings.columns;
  assert.deepEqual(columns, { 名称: 'name', 类型: 'type', 员工人数: 'employees', 电话: 'phone', 城市: 'city', 外部编号: 'externalId', 上级单位: 'parentAccountId' });
  const set = await t.api('PATCH', `/api/v1/imports/${uploaded.body.id}`, { settings: { columns, matchMode: 'upsert', matchBy: ['externalId'] } });
  assert.equal(set.status, 200, JSON.stringify(set.body));

  const accountsBefore = await count('accounts');
  const changesBefore = (await t.db.rows(sql`select id from record_changes`)).length;
  const dry = await t.api('POST', `/api/v1/imports/${uploaded.body.id}/dry-run?locale=en`);
  assert.equal(dry.status, 200, JSON.stringify(dry.body));
  assert.deepEqual(dry.body.counts, { created: 1, updated: 0, unchanged: 0, skipped: 1, failed: 5 });
  const byRow = Object.fromEntries(dry.body.problems.map((p: { rowNumber: number; message: string; fields: string[] }) => [p.rowNumber, p]));
  assert.deepEqual(byRow[2].fields, ['employees']);
  assert.match(byRow[2].message, /Employees: Enter a number; "很多"/);
  assert.match(byRow[3].message, /"大客户" is not one of the choices/);
  assert.deepEqual(dry.body.unknownOptions, { type: ['大客户'] });
  assert.deepEqual(byRow[4].fields, ['name']);
  assert.deepEqual(byRow[5].fields, ['phone']);
  assert.match(byRow[6].message, /No record "不存在的公司"/);
  assert.equal(byRow[7].outcome, 'skipped');
  assert.match(byRow[7].message, /Row 1 of the file has the same key/);
  // Nothing was written: no record, no change log entry, and the import has not moved.
  assert.equal(await count('accounts'), accountsBefore);
  assert.equal((await t.db.rows(sql`select id from record_changes`)).length, changesBefore);
  assert.equal((await t.api('GET', `/api/v1/imports/${uploaded.body.id}`)).body.status, 'uploaded');

  // Mapping the file's own word to an option makes the row good.
  const mapped = await t.api('PATCH', `/api/v1/imports/${uploaded.body.id}`, { settings: { columns, matchMode: 'upsert', matchBy: ['externalId'], optionMap: { type: { 大客户: 'customer' } } } });
  assert.equal(mapped.status, 200, JSON.stringify(mapped.body));
  const again = await t.api('POST', `/api/v1/imports/${uploaded.body.id}/dry-run?locale=en`);
  assert.deepEqual(again.body.counts, { created: 2, updated: 0, unchanged: 0, skipped: 1, failed: 4 });

  // A bad date, and the same dry run worded in Chinese.
  const dates = await upload('contacts', 'd.csv', Buffer.from('姓名,生日\r\n甲,2024/2/30\r\n乙,2024/3/5\r\n'));
  const dryDates = await t.api('POST', `/api/v1/imports/${dates.body.id}/dry-run?locale=zh-CN`);
  assert.deepEqual(dryDates.body.counts, { created: 1, updated: 0, unchanged: 0, skipped: 0, failed: 1 });
  assert.match(dryDates.body.problems[0].message, /^生日：|^生日:/);
});

test('an interrupted run resumes from its checkpoint: exact row count, no duplicate', async () => {
  const rows = Array.from({ length: 450 }, (_, i) => `Batch person ${i},batch${i}@example.com`);
  const uploaded = await upload('contacts', 'many.csv', Buffer.from(['Name,E-mail', ...rows].join('\n')));
  const id = uploaded.body.id;
  await t.api('PATCH', `/api/v1/imports/${id}`, { settings: { columns: uploaded.body.settings.columns, matchMode: 'upsert', matchBy: ['email'] } });
  assert.equal((await t.api('POST', `/api/v1/imports/${id}/run`)).status, 202);
  const contactsBefore = await count('contacts');
  // The process dies right after the first batch committed.
  const crash = new Error('the process died');
  await assert.rejects(executeImport({ db: t.db, registry: t.registry, afterBatch: () => { throw crash; } }, id), crash);
  const stopped = (await t.api('GET', `/api/v1/imports/${id}`)).body;
  assert.equal(stopped.status, 'running');
  assert.equal(stopped.processedRows, 200);
  assert.equal(await count('contacts'), contactsBefore + 200);
  // The retried job resumes: the whole file, once.
  await executeImport({ db: t.db, registry: t.registry }, id);
  const done = (await t.api('GET', `/api/v1/imports/${id}`)).body;
  assert.equal(done.status, 'completed');
  assert.equal(done.processedRows, 450);
  assert.deepEqual(done.counts, { created: 450, updated: 0, unchanged: 0, skipped: 0, failed: 0 });
  assert.equal(await count('contacts'), contactsBefore + 450);
  const [dupes] = await t.db.rows<{ n: number | string }>(sql`select count(*) - count(distinct email) as n from contacts where email like 'batch%'`);
  assert.equal(Number(dupes!.n), 0);
  // Running a finished import again does nothing.
  await executeImport({ db: t.db, registry: t.registry }, id);
  assert.equal(await count('contacts'), contactsBefore + 450);
});

test('undo removes created records, restores updated values and lists records changed since', async () => {
  const kept = await t.create('contacts', { name: '李娜', email: 'li.na@example.com', city: '北京', title: '销售' });
  const edited = await t.create('contacts', { name: '王强', email: 'wang.qiang@example.com', city: '广州' });
  const csv = '姓名,邮箱,城市,职务\r\n李娜,li.na@example.com,上海,总监\r\n王强,wang.qiang@example.com,深圳,\r\n赵敏,zhao.min@example.com,杭州,\r\n李娜,LI.NA@example.com,成都,\r\n';
  const uploaded = await upload('contacts', 'update.csv', Buffer.from(csv));
  const id = uploaded.body.id;
  await t.api('PATCH', `/api/v1/imports/${id}`, { settings: { columns: uploaded.body.settings.columns, matchMode: 'upsert', matchBy: ['email'] } });
  const done = await runToEnd(id);
  assert.deepEqual(done.counts, { created: 1, updated: 2, unchanged: 0, skipped: 1, failed: 0 });
  assert.equal((await t.api('GET', `/api/v1/contacts/${kept.id}`)).body.city, '上海');

  // Someone edits one of the updated records after the import.
  const later = await t.api('PATCH', `/api/v1/contacts/${edited.id}`, { city: '珠海' });
  assert.equal(later.status, 200);
  // The error file lists the skipped row with its reason, in the file's encoding.
  const errors = await t.app.inject({ method: 'GET', url: `/api/v1/imports/${id}/errors?locale=en`, headers: { authorization: `Bearer ${t.token}` } });
  assert.equal(errors.statusCode, 200);
  const lines = errors.body.trim().split('\r\n');
  assert.equal(lines[0], '姓名,邮箱,城市,职务,Reason');
  assert.match(lines[1]!, /^李娜,LI\.NA@example\.com,成都,,.*Row 1 of the file/);

  const undoing = await t.api('POST', `/api/v1/imports/${id}/undo`);
  assert.equal(undoing.status, 202, JSON.stringify(undoing.body));
  assert.equal(undoing.body.status, 'undoing');
  await executeUndo({ db: t.db, registry: t.registry }, id, t.adminId);
  const undone = await t.api('GET', `/api/v1/imports/${id}`);
  assert.equal(undone.body.status, 'undone');
  assert.deepEqual(undone.body.undoConflicts, [{ rowNumber: 2, recordId: edited.id, reason: 'changed' }]);
  const restored = (await t.api('GET', `/api/v1/contacts/${kept.id}`)).body;
  assert.deepEqual([restored.city, restored.title], ['北京', '销售']);
  assert.equal((await t.api('GET', `/api/v1/contacts/${edited.id}`)).body.city, '珠海');
  const created = await t.api('GET', `/api/v1/contacts?filter=${encodeURIComponent("email eq 'zhao.min@example.com'")}`);
  assert.equal(created.body.data.length, 0);
  // Undo once only.
  assert.equal((await t.api('POST', `/api/v1/imports/${id}/undo`)).status, 409);
});

async function* onePersonPage() {
  yield [[{ kind: 'text', text: '钱七' } as const, { kind: 'date', iso: '2024-03-05' } as const, { kind: 'number', value: 3 } as const, { kind: 'text', text: 'admin@example.com' } as const]];
}

test('an XLSX workbook is read like a CSV, dates as serial numbers included', async () => {
  const chunks: Buffer[] = [];
  for await (const chunk of xlsxFile({ sheetName: '联系人', titles: ['姓名', '生日', 'Notes', '负责人'], pages: onePersonPage(), onRows: () => {} })) chunks.push(chunk);
  const uploaded = await upload('contacts', 'people.xlsx', Buffer.concat(chunks));
  assert.equal(uploaded.status, 201, JSON.stringify(uploaded.body));
  assert.equal(uploaded.body.source.format, 'xlsx');
  assert.deepEqual(uploaded.body.settings.columns, { 姓名: 'name', 生日: 'birthday', Notes: 'notes', 负责人: 'ownerId' });
  const dry = await t.api('POST', `/api/v1/imports/${uploaded.body.id}/dry-run`);
  assert.deepEqual(dry.body.counts, { created: 1, updated: 0, unchanged: 0, skipped: 0, failed: 0 });
  const done = await runToEnd(uploaded.body.id);
  assert.equal(done.counts.created, 1);
  const found = await t.api('GET', `/api/v1/contacts?filter=${encodeURIComponent("name eq '钱七'")}`);
  assert.equal(found.body.data[0].birthday, '2024-03-05');
  assert.equal(found.body.data[0].ownerId, t.adminId, 'the owner found by e-mail');
});

test('imports need the import permission, and are seen by their author only', async () => {
  const rep = await ensureUser(t.db, { email: 'rep-import@example.com', name: 'Rep 导入', roleKey: 'sales_rep' });
  const repToken = (await createApiKey(t.db, rep.id, 'rep')).token;
  const refused = await upload('contacts', 'x.csv', Buffer.from('Name\r\nA\r\n'), repToken);
  assert.equal(refused.status, 403);
  const mine = await upload('contacts', 'x.csv', Buffer.from('Name\r\nA\r\n'));
  const director = await ensureUser(t.db, { email: 'director-import@example.com', name: 'Director 总监', roleKey: 'sales_director' });
  const directorToken = (await createApiKey(t.db, director.id, 'director')).token;
  const seen = await t.app.inject({ method: 'GET', url: `/api/v1/imports/${mine.body.id}`, headers: { authorization: `Bearer ${directorToken}` } });
  assert.equal(seen.statusCode, 404);
  const unreadable = await upload('contacts', 'x.csv', Buffer.from(''));
  assert.equal(unreadable.status, 400);
  const badKey = await t.api('PATCH', `/api/v1/imports/${mine.body.id}`, { settings: { columns: { Name: 'name' }, matchMode: 'update', matchBy: ['wechat'] } });
  assert.equal(badKey.status, 400);
  assert.equal(badKey.body.errors[0].field, 'matchBy');
});

test('a saved mapping maps the next file of the same shape by itself', async () => {
  const header = '客户名称,所在城市,Ref\r\n';
  const first = await upload('accounts', 'crm-a.csv', Buffer.from(`${header}甲公司,上海,R-1\r\n`));
  assert.deepEqual(first.body.settings.columns, {}, 'titles no field is called');
  const settings = { ...first.body.settings, columns: { 客户名称: 'name', 所在城市: 'city', Ref: 'externalId' }, matchMode: 'upsert', matchBy: ['externalId'] };
  const saved = await t.api('POST', '/api/v1/accounts/import-mappings', { name: '旧系统客户', settings });
  assert.equal(saved.status, 201, JSON.stringify(saved.body));
  const listed = await t.api('GET', '/api/v1/accounts/import-mappings');
  assert.deepEqual(listed.body.data.map((m: { name: string }) => m.name), ['旧系统客户']);

  const next = await upload('accounts', 'crm-b.csv', Buffer.from(`${header}乙公司,杭州,R-2\r\n`));
  assert.deepEqual(next.body.settings.columns, settings.columns);
  assert.deepEqual([next.body.settings.matchMode, next.body.settings.matchBy], ['upsert', ['externalId']]);
  assert.equal((await t.api('DELETE', `/api/v1/import-mappings/${saved.body.id}`)).status, 204);
  assert.equal((await t.api('DELETE', `/api/v1/import-mappings/${saved.body.id}`)).status, 404);
});

test('a run whose author lost the import permission since it was queued stops as failed, writing nothing', async () => {
  const role = await t.api('POST', '/api/v1/admin/roles', {
    key: 'import_probe',
    name: { en: 'Import probe', 'zh-CN': '导入探针' },
    permissions: { objects: { contacts: ['read', 'create', 'edit', 'import'], '*': ['read'] } },
  });
  assert.equal(role.status, 201, JSON.stringify(role.body));
  const user = await t.api('POST', '/api/v1/admin/users', { email: 'importer@example.com', name: 'Importer 导入员', roleId: role.body.id });
  const token = (await createApiKey(t.db, user.body.id, 'import')).token;
  const uploaded = await upload('contacts', 'late.csv', Buffer.from('Name\r\nLate person\r\n'), token);
  assert.equal(uploaded.status, 201, JSON.stringify(uploaded.body));
  const started = await t.app.inject({ method: 'POST', url: `/api/v1/imports/${uploaded.body.id}/run`, headers: { authorization: `Bearer ${token}` } });
  assert.equal(started.statusCode, 202);
  const changed = await t.api('PATCH', `/api/v1/admin/roles/${role.body.id}`, { permissions: { objects: { contacts: ['read', 'create', 'edit'], '*': ['read'] } } });
  assert.equal(changed.status, 200, JSON.stringify(changed.body));
  await executeImport({ db: t.db, registry: t.registry }, uploaded.body.id);
  const [run] = await t.db.rows<{ status: string; processed_rows: number }>(sql`select status, processed_rows from import_runs where id = ${uploaded.body.id}::uuid`);
  assert.deepEqual([run!.status, run!.processed_rows], ['failed', 0]);
});

test('malformed uploads and requests are 4xx problems, never a 500', async () => {
  const brokenZip = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(64, 7)]);
  assert.equal((await upload('contacts', 'broken.xlsx', brokenZip)).status, 400);
  assert.equal((await upload('contacts', 'noise.csv', Buffer.from([0xff, 0xfe, 0x00, 0x01, 0x81, 0x30, 0x0a, 0x22, 0x22, 0x22]))).status < 500, true);
  assert.equal((await upload('contacts', 'quotes.csv', Buffer.from('Name\r\n"unterminated\r\n'))).status < 500, true);
  assert.equal((await upload('nosuchobject', 'x.csv', Buffer.from('Name\r\nA\r\n'))).status, 404);
  assert.equal((await upload('contacts', 'header-only.csv', Buffer.from('Name,E-mail\r\n'))).status, 400);
  const good = await upload('contacts', 'ok.csv', Buffer.from('Name\r\nA\r\n'));
  const id = good.body.id;
  assert.equal((await t.api('PATCH', `/api/v1/imports/${id}`, { source: { encoding: 'latin1', delimiter: ',' } })).status, 400);
  assert.equal((await t.api('PATCH', `/api/v1/imports/${id}`, { settings: { columns: { Name: 'id' }, matchMode: 'create' } })).status, 400);
  assert.equal((await t.api('PATCH', `/api/v1/imports/${id}`, { settings: { columns: { Missing: 'name' }, matchMode: 'create' } })).status, 400);
  assert.equal((await t.api('PATCH', `/api/v1/imports/${id}`, {})).status, 400);
  assert.equal((await t.api('GET', '/api/v1/imports/not-an-id')).status, 400);
  assert.equal((await t.api('GET', '/api/v1/imports/01a24800-0000-7000-8000-000000000000')).status, 404);
  assert.equal((await t.api('POST', `/api/v1/imports/${id}/undo`)).status, 409);
  assert.equal((await t.api('POST', '/api/v1/contacts/import-mappings', { name: ' ', settings: { columns: {}, matchMode: 'create' } })).status, 400);
  assert.equal((await t.api('DELETE', '/api/v1/import-mappings/nope')).status, 400);
  const run = await runToEnd(id);
  assert.equal(run.status, 'completed');
  assert.equal((await t.api('POST', `/api/v1/imports/${id}/run`)).status, 409);
  assert.equal((await t.api('POST', `/api/v1/imports/${id}/dry-run`)).status, 409);
  assert.equal((await t.api('PATCH', `/api/v1/imports/${id}`, { settings: { columns: { Name: 'name' }, matchMode: 'create' } })).status, 409);
});

test('the error file of a GB18030 file with semicolons is GB18030 with semicolons', async () => {
  const csv = '姓名;生日\r\n孙八;2024年13月1日\r\n周九;2024年1月2日\r\n';
  const uploaded = await upload('contacts', '错误.csv', iconv.encode(csv, 'gb18030'));
  assert.equal(uploaded.body.source.encoding, 'gb18030');
  const done = await runToEnd(uploaded.body.id);
  assert.deepEqual([done.counts.created, done.counts.failed], [1, 1]);
  const errors = await t.app.inject({ method: 'GET', url: `/api/v1/imports/${uploaded.body.id}/errors?locale=zh-CN`, headers: { authorization: `Bearer ${t.token}` } });
  assert.equal(errors.headers['content-type'], 'text/csv; charset=gb18030');
  const text = iconv.decode(errors.rawPayload, 'gb18030');
  assert.equal(text.split('\r\n')[0], '姓名;生日;错误原因');
  assert.match(text.split('\r\n')[1]!, /^孙八;2024年13月1日;生日：“2024年13月1日”不是日期/);
});

test('rows find their records by phone (in any writing) and by name with city', async () => {
  const byPhone = await t.create('contacts', { name: '吴十', mobile: '+86 138 0013 8009', city: '天津' });
  const byNameCity = await t.create('contacts', { name: '郑一', city: '重庆', title: '助理' });
  await t.create('contacts', { name: '郑一', city: '成都' });
  const phones = await upload('contacts', 'phones.csv', Buffer.from('手机,城市\r\n138-0013-8009,大连\r\n'));
  await t.api('PATCH', `/api/v1/imports/${phones.body.id}`, { settings: { columns: phones.body.settings.columns, matchMode: 'update', matchBy: ['mobile'] } });
  assert.deepEqual((await runToEnd(phones.body.id)).counts, { created: 0, updated: 1, unchanged: 0, skipped: 0, failed: 0 });
  assert.equal((await t.api('GET', `/api/v1/contacts/${byPhone.id}`)).body.city, '大连');

  const names = await upload('contacts', 'names.csv', Buffer.from('姓名,城市,职务\r\n郑一,重庆,经理\r\n郑一,重庆,经理\r\n'));
  await t.api('PATCH', `/api/v1/imports/${names.body.id}`, { settings: { columns: names.body.settings.columns, matchMode: 'update', matchBy: ['name', 'city'] } });
  assert.deepEqual((await runToEnd(names.body.id)).counts, { created: 0, updated: 1, unchanged: 0, skipped: 1, failed: 0 });
  assert.equal((await t.api('GET', `/api/v1/contacts/${byNameCity.id}`)).body.title, '经理');
});
