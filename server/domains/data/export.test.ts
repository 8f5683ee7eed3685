// GET /api/v1/{object}/export over HTTP on a real database: CSV and XLSX contents read back from the
// bytes, the caller's record and field access, formula neutralising, the audit entry, the export
// permission, and a large export walked page by page as the client reads.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import { sql, type SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import { startTestApp, type TestContext } from '../../testing.ts';
import { createApiKey } from '../../platform/auth/api-keys.ts';
import type { CompiledQuery } from '../../platform/db/index.ts';
import { ensureUser } from '../../platform/auth/users.ts';
import { readSheet } from './test-xlsx.ts';

let t: TestContext;
let exporterToken: string;
let exporterId: string;
let repToken: string;
let repId: string;
const dialect = new PgDialect();

before(async () => {
  t = await startTestApp();
  const role = await t.api('POST', '/api/v1/admin/roles', {
    key: 'export_probe',
    name: { en: 'Export probe', 'zh-CN': '导出探针' },
    permissions: { objects: { accounts: ['read', 'create', 'edit', 'export'], '*': ['read'] }, fields: { accounts: { annualRevenue: 'hidden' } } },
  });
  assert.equal(role.status, 201, JSON.stringify(role.body));
  const exporter = await t.api('POST', '/api/v1/admin/users', { email: 'exporter@example.com', name: 'Exporter 导出员', roleId: role.body.id });
  exporterId = exporter.body.id;
  exporterToken = (await createApiKey(t.db, exporterId, 'export')).token;
  const rep = await ensureUser(t.db, { email: 'rep-export@example.com', name: 'Rep 销售', roleKey: 'sales_rep' });
  repId = rep.id;
  repToken = (await createApiKey(t.db, rep.id, 'rep')).token;

  const parent = await t.create('accounts', { name: '母公司 Parent Group', city: '北京' });
  await t.create('accounts', {
    name: '上海星空科技',
    city: '上海',
    type: 'customer',
    phone: '021 6888 0001',
    annualRevenue: { amount: '1200000.5', currency: 'CNY' },
    employees: -5,
    parentAccountId: parent.id,
    tags: ['重点', 'VIP'],
    description: '=1+1',
    country: '-5',
    website: 'https://example.com/a,b',
  });
  await t.create('accounts', { name: 'Shanghai "Quotes", Ltd', city: '上海', description: ' =HYPERLINK("http://evil")', country: '@SUM(A1)' });
  await t.create('accounts', { name: '北京其他公司', city: '北京' });
});

after(() => t?.close());

async function download(url: string, token = t.token, headers: Record<string, string> = {}) {
  const response = await t.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}`, ...headers } });
  return { status: response.statusCode, headers: response.headers, raw: response.rawPayload, text: response.body };
}

const shanghai = encodeURIComponent("city eq '上海'");

/** Parses RFC 4180 CSV (quoted fields, doubled quotes, CRLF). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let isQuoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (isQuoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      }
      else if (c === '"') isQuoted = false;
      else field += c;
    } else if (c === '"') isQuoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    }
    else field += c;
  }
  return rows;
}

async function auditEntries() {
  return t.db.rows<{ actor_id: string; target: string; details: Record<string, any> }>(
    sql`select actor_id, target, details from audit_events where action = 'record.export' order by id`,
  );
}

async function waitForAudit(count: number) {
  for (let i = 0; i < 100; i++) {
    const entries = await auditEntries();
    if (entries.length >= count) return entries;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  assert.fail(`expected ${count} export audit entries`);
}

test('CSV: UTF-8 with BOM, Chinese labels, RFC 4180 quoting, readable values, only the filtered rows', async () => {
  const fields = 'name,city,type,phone,annualRevenue,employees,parentAccountId,tags,description,country,website';
  const reply = await download(`/api/v1/accounts/export?format=csv&filter=${shanghai}&sort=name&fields=${fields}`, t.token, { 'accept-language': 'zh-CN' });
  assert.equal(reply.status, 200, reply.text);
  assert.equal(reply.headers['content-type'], 'text/csv; charset=utf-8');
  assert.equal(reply.headers['cache-control'], 'no-store');
  assert.match(String(reply.headers['content-disposition']), /^attachment; filename="accounts-\d{4}-\d{2}-\d{2}\.csv"; filename\*=UTF-8''%E5%AE%A2%E6%88%B7-\d{4}-\d{2}-\d{2}\.csv$/);
  assert.deepEqual([...reply.raw.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'a byte order mark first');
  const rows = parseCsv(reply.raw.subarray(3).toString('utf8'));
  assert.deepEqual(rows[0], ['名称', '城市', '类型', '电话', '年营业额', '员工人数', '上级单位', '标签', '描述', '国家', '网站']);
  assert.equal(rows.length, 3, 'the header and the two Shanghai accounts, not the Beijing ones');
  assert.deepEqual(rows[2], ['上海星空科技', '上海', '成交客户', '+862168880001', 'CNY 1200000.50', '-5', '母公司 Parent Group', '重点; VIP', "'=1+1", "'-5", 'https://example.com/a,b']);
  assert.deepEqual(rows[1]!.slice(0, 2), ['Shanghai "Quotes", Ltd', '上海']);
  assert.equal(rows[1]![8], `' =HYPERLINK("http://evil")`);
  assert.equal(rows[1]![9], "'@SUM(A1)");
  assert.ok(reply.text.includes('"Shanghai ""Quotes"", Ltd"'), 'quotes doubled inside a quoted field');

  const names = await download(`/api/v1/accounts/export?filter=${shanghai}&fields=name,city&headers=names&locale=en`);
  assert.equal(parseCsv(names.raw.subarray(3).toString('utf8'))[0]!.join(','), 'name,city');
  const english = await download(`/api/v1/accounts/export?filter=${shanghai}&fields=name,type&sort=-name`, t.token, { 'accept-language': 'en' });
  assert.deepEqual(parseCsv(english.raw.subarray(3).toString('utf8')).slice(0, 2), [['Name', 'Type'], ['上海星空科技', 'Customer']]);
});

test('XLSX: a workbook whose numbers, amounts and dates are typed and whose texts are formula-safe strings', async () => {
  const fields = 'name,employees,annualRevenue,description,country,createdAt';
  const reply = await download(`/api/v1/accounts/export?format=xlsx&filter=${shanghai}&sort=name&fields=${fields}&locale=zh-CN`);
  assert.equal(reply.status, 200, reply.text);
  assert.equal(reply.headers['content-type'], 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  assert.match(String(reply.headers['content-disposition']), /filename\*=UTF-8''%E5%AE%A2%E6%88%B7-\d{4}-\d{2}-\d{2}\.xlsx$/);
  const { rows, files } = readSheet(reply.raw);
  assert.deepEqual([...files.keys()].sort(), ['[Content_Types].xml', '_rels/.rels', 'xl/_rels/workbook.xml.rels', 'xl/styles.xml', 'xl/workbook.xml', 'xl/worksheets/sheet1.xml']);
  assert.match(files.get('xl/workbook.xml')!.toString(), /<sheet name="客户"/);
  assert.deepEqual(rows[0]!.map((c) => c.value), ['名称', '员工人数', '年营业额', '描述', '国家', '创建时间']);
  const star = rows[2]!;
  assert.deepEqual(star[1], { ref: 'B3', type: 'n', style: 0, value: '-5' }, 'a real negative number stays a number');
  assert.equal(star[2]!.type, 'n');
  assert.equal(star[2]!.value, '1200000.5');
  assert.match(files.get('xl/styles.xml')!.toString(), new RegExp(`numFmtId="${164 + 2}" formatCode="#,##0.00## &quot;CNY&quot;"`));
  assert.deepEqual(star[3], { ref: 'D3', type: 's', style: 0, value: "'=1+1" }, 'a formula-like text is an inert string');
  assert.deepEqual(star[4], { ref: 'E3', type: 's', style: 0, value: "'-5" }, '-5 typed into a text field stays text');
  assert.equal(star[5]!.type, 'n');
  assert.equal(star[5]!.style, 3, 'a date-time cell');
  assert.ok(Math.abs(Number(star[5]!.value) - (Date.now() / 86_400_000 + 25_569)) < 1, 'the Excel serial of now');
  assert.ok(!files.get('xl/worksheets/sheet1.xml')!.toString().includes('<f>'), 'no formula anywhere');
});

test('access: only records the caller may read, never a hidden field, no title of an unreadable record', async () => {
  const parent = await t.create('accounts', { name: 'Invisible parent 隐形', city: '杭州' });
  await t.create('accounts', { name: 'Mine 我的', city: '杭州', annualRevenue: '987654321', parentAccountId: parent.id, ownerId: exporterId });
  await t.create('accounts', { name: 'Not mine 别人的', city: '杭州' });
  const hangzhou = encodeURIComponent("city eq '杭州'");
  const reply = await download(`/api/v1/accounts/export?filter=${hangzhou}&locale=en`, exporterToken);
  assert.equal(reply.status, 200, reply.text);
  const rows = parseCsv(reply.raw.subarray(3).toString('utf8'));
  assert.ok(!rows[0]!.includes('Annual revenue'), 'the hidden field is not a column');
  assert.ok(rows[0]!.includes('Parent account'));
  assert.equal(rows.length, 2, 'only the record the caller owns');
  assert.equal(rows[1]![rows[0]!.indexOf('Name')], 'Mine 我的');
  assert.equal(rows[1]![rows[0]!.indexOf('Parent account')], parent.id, 'an unreadable parent keeps its id, not its name');
  // A value no UUID or timestamp in the file can hold by chance ("999" once matched a random id).
  assert.ok(!reply.text.includes('987654321') && !reply.text.includes('Invisible'));

  const hidden = await download(`/api/v1/accounts/export?fields=name,annualRevenue`, exporterToken);
  assert.equal(hidden.status, 400);
  assert.match(String(hidden.headers['content-type']), /^application\/problem\+json/);
  assert.equal(JSON.parse(hidden.text).errors[0].code, 'unknown_field', 'worded like a field that does not exist');
});

test('refusals are problems before any byte: no export permission, bad filter, sort or format, unknown object', async () => {
  const refused = await download('/api/v1/accounts/export?format=csv', repToken);
  assert.equal(refused.status, 403, 'a sales rep may read accounts but not export them');
  assert.match(String(refused.headers['content-type']), /^application\/problem\+json/);
  assert.equal(JSON.parse(refused.text).code, 'forbidden');
  const cases: Array<[string, number, string]> = [
    [`filter=${encodeURIComponent('name eq')}`, 400, 'filter'],
    ['sort=nosuchfield', 400, 'sort'],
    ['fields=nosuchfield', 400, 'fields'],
    ['format=pdf', 400, 'format'],
  ];
  for (const [query, status, field] of cases) {
    const reply = await download(`/api/v1/accounts/export?${query}`);
    assert.equal(reply.status, status, query);
    assert.match(String(reply.headers['content-type']), /^application\/problem\+json/, query);
    assert.ok(JSON.stringify(JSON.parse(reply.text).errors ?? []).includes(field), `${query}: ${reply.text}`);
  }
  assert.equal((await download('/api/v1/nosuchobject/export')).status, 404);
  const head = await t.app.inject({ method: 'HEAD', url: '/api/v1/accounts/export', headers: { authorization: `Bearer ${t.token}` } });
  assert.notEqual(head.statusCode, 200, 'no HEAD that would run a whole export for nothing');
});

test('each export leaves one record.export audit entry with its object, filter, format, row count and actor', async () => {
  const before = (await auditEntries()).length;
  const reply = await download(`/api/v1/accounts/export?format=xlsx&filter=${shanghai}&fields=name`);
  assert.equal(reply.status, 200);
  // Earlier tests' exports are audited when their streams close, so find this one by what it was.
  await waitForAudit(before + 1);
  const isThisExport = (e: { details: Record<string, any> }) => e.details.format === 'xlsx' && e.details.filter === "city eq '上海'";
  let entry = (await auditEntries()).find(isThisExport);
  for (let i = 0; !entry && i < 100; i++) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    entry = (await auditEntries()).find(isThisExport);
  }
  assert.ok(entry, 'the export is audited');
  assert.equal(entry.actor_id, t.adminId);
  assert.equal(entry.target, 'accounts');
  assert.deepEqual(
    { object: entry.details.object, format: entry.details.format, filter: entry.details.filter, rowCount: entry.details.rowCount, isComplete: entry.details.isComplete },
    { object: 'accounts', format: 'xlsx', filter: "city eq '上海'", rowCount: 2, isComplete: true },
  );
  await download('/api/v1/accounts/export?format=csv', repToken);
  await new Promise((resolve) => setTimeout(resolve, 200));
  assert.equal((await auditEntries()).filter((e) => e.actor_id === repId).length, 0, 'a refused export is no export');
});

test('5,000 rows are read in pages of 500 as the client reads, and an abandoned download is audited with its partial count', async () => {
  await t.db.rows(sql`insert into accounts (id, name, city, description, owner_id)
    select gen_random_uuid(), 'Bulk ' || lpad(i::text, 5, '0'), '批量', repeat('长文本', 400), ${t.adminId}::uuid from generate_series(1, 5000) i`);
  const pageQueries: number[] = [];
  const notePage = (text: string, params: unknown[]) => {
    if (/from "accounts" t\s+where/.test(text) && /order by/.test(text)) pageQueries.push(Number(params.at(-1)));
  };
  const rows = t.db.rows.bind(t.db);
  t.db.rows = ((query: SQL, preparedAs?: string | true) => {
    const compiled = dialect.sqlToQuery(query);
    notePage(compiled.sql, compiled.params);
    return rows(query, preparedAs);
  }) as typeof t.db.rows;
  // List pages run as statements compiled once per caller and shape (records/statement-cache.ts).
  const rowsOfCompiled = t.db.rowsOfCompiled.bind(t.db);
  t.db.rowsOfCompiled = ((query: CompiledQuery, isPrepared?: boolean) => {
    notePage(query.text, query.params);
    return rowsOfCompiled(query, isPrepared);
  }) as typeof t.db.rowsOfCompiled;
  try {
    const batch = encodeURIComponent("city eq '批量'");
    const audited = (await auditEntries()).length;
    const full = await download(`/api/v1/accounts/export?filter=${batch}&sort=name&fields=name`);
    const lines = full.raw.subarray(3).toString('utf8').split('\r\n');
    assert.equal(lines.length, 5002, 'header, 5,000 rows and the final line end');
    assert.equal(lines[1], 'Bulk 00001');
    assert.equal(lines[5000], 'Bulk 05000');
    assert.equal(pageQueries.length, 10, 'ten keyset pages');
    assert.ok(pageQueries.every((limit) => limit === 501), `page-sized reads only: ${pageQueries.join()}`);

    // A client that stops reading: the server stops reading pages, and the abandoned export is audited.
    pageQueries.length = 0;
    const before = (await waitForAudit(audited + 1)).length;
    const address = await t.app.listen({ host: '127.0.0.1', port: 0 });
    await new Promise<void>((resolve, reject) => {
      const req = httpRequest(`${address}/api/v1/accounts/export?filter=${batch}&fields=name,description`, { headers: { authorization: `Bearer ${t.token}` } }, (res) => {
        res.once('data', () => {
          res.pause();
          setTimeout(() => {
            assert.ok(pageQueries.length < 10, `backpressure holds the reads (${pageQueries.length} pages read)`);
            req.destroy();
            resolve();
          }, 500);
        });
      });
      req.on('error', () => undefined);
      req.end();
      setTimeout(() => reject(new Error('no data')), 10_000);
    });
    const entry = (await waitForAudit(before + 1)).at(-1)!;
    assert.equal(entry.details.isComplete, false);
    assert.ok(entry.details.rowCount < 5000, `partial count ${entry.details.rowCount}`);
  } finally {
    t.db.rows = rows;
    t.db.rowsOfCompiled = rowsOfCompiled;
  }
});
