// The API's words in both languages: the catalogues match, every error code the server can send has
// a message in each, and a request gets its answer in the caller's language.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { en } from './en.ts';
import { zhCN } from './zh-CN.ts';
import { hasMessage, negotiateLocale, t } from './index.ts';
import { Problem, problemCodes } from '../http/problem.ts';
import { startTestApp, type TestContext } from '../../testing.ts';
import { ensureUser } from '../auth/users.ts';
import { createApiKey } from '../auth/api-keys.ts';
import { setPassword } from '../auth/passwords.ts';

const serverDir = join(import.meta.dirname, '..', '..');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'node_modules' ? [] : sources(path);
    return name.endsWith('.ts') && !name.endsWith('.test.ts') ? [path] : [];
  });
}

test('both catalogues have the same keys, no empty message, and the same {parameters}', () => {
  assert.deepEqual(Object.keys(zhCN).sort(), Object.keys(en).sort());
  for (const [key, english] of Object.entries(en)) {
    const chinese = zhCN[key as keyof typeof en];
    assert.ok(english.trim() && chinese.trim(), key);
    assert.deepEqual(chinese.match(/\{\w+\}/g)?.sort() ?? [], english.match(/\{\w+\}/g)?.sort() ?? [], key);
    assert.doesNotMatch(chinese, /[\u4e00-\u9fff] [\u4e00-\u9fff]/, `${key}: a space between Chinese characters`);
  }
});

test('every status has a title and a detail, and every field error code in the server has a message', () => {
  for (const status of Object.keys(problemCodes)) {
    assert.ok(hasMessage(`title.${status}`), `title.${status}`);
    assert.ok(hasMessage(`detail.${status}`), `detail.${status}`);
  }
  const codes = new Set<string>();
  for (const file of sources(serverDir)) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/code: '([a-zA-Z_]+)'|invalidField\([^,]+, '([a-zA-Z_]+)'|FieldValueError\('([a-zA-Z_]+)'/g)) codes.add(m[1] ?? m[2] ?? m[3]!);
  }
  // The validator's keywords the mapping passes on (platform/http/ajv-errors.ts).
  for (const keyword of ['required', 'unknown_field', 'read_only', 'type', 'format', 'pattern', 'minLength', 'maxLength', 'minimum', 'maximum', 'enum', 'minItems', 'maxItems', 'uniqueItems', 'anyOf']) codes.add(keyword);
  const missing = [...codes].filter((code) => !hasMessage(`field.${code}`));
  assert.deepEqual(missing, [], 'codes without a message');
});

test('every problem a client can get is thrown with a catalogue message key, never with bare text', () => {
  // The constructor's type demands a key; this holds for casts and plain JavaScript too.
  assert.throws(() => new Problem(400, 'Bare English' as never), TypeError);
  assert.throws(() => new Problem(403, { key: 'detail.noSuchKey' } as never), TypeError);
  assert.throws(() => new Problem(404, undefined as never), TypeError);
  const offenders: string[] = [];
  for (const file of sources(serverDir)) {
    const text = readFileSync(file, 'utf8');
    // `new Problem(status, 'text' …)` or a template: a detail without a key, worded the same in every language.
    for (const m of text.matchAll(/new Problem\(\s*[^,]+,\s*(['"`])/g)) offenders.push(`${file}:${text.slice(0, m.index).split('\n').length}`);
    for (const m of text.matchAll(/new Problem\([^,]+,\s*\{\s*key: '([^']+)'/g)) if (!hasMessage(m[1]!)) offenders.push(`${file}: ${m[1]}`);
  }
  assert.deepEqual(offenders, []);
});

test('Accept-Language picks the best supported language by weight', () => {
  assert.equal(negotiateLocale('zh-CN,zh;q=0.9,en;q=0.8'), 'zh-CN');
  assert.equal(negotiateLocale('en-GB,en;q=0.9'), 'en');
  assert.equal(negotiateLocale('fr-FR, en;q=0.5, zh;q=0.8'), 'zh-CN');
  assert.equal(negotiateLocale('zh;q=0, en'), 'en');
  assert.equal(negotiateLocale('fr, de'), undefined);
  assert.equal(negotiateLocale(undefined), undefined);
  assert.equal(t('zh-CN', 'field.maxLength', { limit: 200 }), '最多输入 200 个字符。');
});

let app: TestContext;
let keyOfChineseUser: string;
before(async () => {
  app = await startTestApp();
  const { id } = await ensureUser(app.db, { email: 'i18n@example.com', name: '中文用户', roleKey: 'sales_rep', locale: 'zh-CN' });
  await setPassword(app.db, id, 'correct horse battery staple 2026');
  keyOfChineseUser = (await createApiKey(app.db, id, 'zh')).token;
});
after(() => app.close());

const post = async (headers: Record<string, string>, body: unknown) => {
  const r = await app.app.inject({ method: 'POST', url: '/api/v1/opportunities', headers: { 'content-type': 'application/json', ...headers }, payload: JSON.stringify(body) });
  return JSON.parse(r.body);
};

test('validation problems are worded in plain words, in the caller’s language, with the same codes', async () => {
  const bad = { name: 'x'.repeat(5000), amount: '12,5', closeDate: 'tomorrow', nosuch: 1 };
  const english = await post({ authorization: `Bearer ${app.token}` }, bad);
  const chinese = await post({ authorization: `Bearer ${app.token}`, 'accept-language': 'zh-CN,zh;q=0.9' }, bad);
  assert.equal(english.title, 'Invalid request');
  assert.equal(chinese.title, '请求无效');
  assert.equal(chinese.detail, '部分字段无效。');
  const byField = (body: { errors: Array<{ field: string; code: string; message: string }> }) => Object.fromEntries(body.errors.map((e) => [e.field, e]));
  const en = byField(english);
  const zh = byField(chinese);
  assert.deepEqual(Object.keys(zh).sort(), Object.keys(en).sort());
  for (const field of Object.keys(en)) assert.equal(zh[field].code, en[field].code, field);
  assert.equal(en.amount.message, 'Enter an amount such as 1200.50.');
  assert.equal(zh.amount.message, '请输入金额，例如 1200.50。');
  assert.equal(zh.closeDate.message, '请输入日期，例如 2026-12-31。');
  assert.match(zh.name.message, /最多输入 \d+ 个字符。/);
  assert.equal(zh.nosuch.code, 'unknown_field');
  for (const e of Object.values(en)) assert.doesNotMatch(e.message, /must match|must NOT|must be/, 'no validator jargon');
});

test('an API key gets English unless it asks; nobody signed in gets English; a 404 and a 401 are worded too', async () => {
  const keyed = await post({ authorization: `Bearer ${keyOfChineseUser}` }, { name: '' });
  assert.equal(keyed.title, 'Invalid request');
  const asked = await post({ authorization: `Bearer ${keyOfChineseUser}`, 'accept-language': 'zh' }, { name: '' });
  assert.equal(asked.errors[0].code, 'required');
  assert.equal(asked.errors[0].message, '请填写此项。');
  const missing = await app.app.inject({ method: 'GET', url: '/api/v1/accounts/0193aaaa-0000-7000-8000-000000000000', headers: { authorization: `Bearer ${app.token}`, 'accept-language': 'zh-CN' } });
  assert.equal(JSON.parse(missing.body).detail, '该内容不存在，或您无权查看。');
  const anonymous = await app.app.inject({ method: 'GET', url: '/api/v1/accounts', headers: { 'accept-language': 'zh-CN' } });
  assert.equal(JSON.parse(anonymous.body).title, '需要登录');
  assert.equal(JSON.parse((await app.app.inject({ method: 'GET', url: '/api/v1/accounts' })).body).title, 'Authentication required');
});

test('refusals are worded in the caller’s language, specifically, not with the generic text of the status', async () => {
  const roles = await app.api('GET', '/api/v1/admin/roles');
  const readOnly = roles.body.data.find((r: { key: string }) => r.key === 'read_only').id;
  const { token } = await createApiKey(app.db, app.adminId, 'read only', readOnly);
  const zh = { authorization: `Bearer ${token}`, 'accept-language': 'zh-CN' };
  const refused = await post(zh, { name: '不允许' });
  assert.equal(refused.status, 403);
  assert.equal(refused.detail, '您的角色不允许新建「商机」。');
  assert.equal((await post({ authorization: `Bearer ${token}` }, { name: 'x' })).detail, 'Your role does not allow you to create opportunities.');
  const revoked = await app.app.inject({ method: 'GET', url: '/api/v1/accounts', headers: { authorization: 'Bearer gx_000000000000_abcdefghijklmnopqrstuvwxyzABCDEF', 'accept-language': 'zh-CN' } });
  assert.equal(JSON.parse(revoked.body).detail, 'API 密钥无效或已被吊销。');
  const sort = await app.app.inject({ method: 'GET', url: '/api/v1/accounts?sort=planet', headers: { authorization: `Bearer ${app.token}`, 'accept-language': 'zh-CN' } });
  assert.equal(JSON.parse(sort.body).detail, '这里没有这个字段。');
  assert.equal(JSON.parse(sort.body).errors[0].message, '这里没有这个字段。');
  await app.api('POST', '/api/v1/accounts', { name: '唯一 Unique', externalId: 'EXT-1' });
  const taken = await app.api('POST', '/api/v1/accounts', { name: '唯一 Unique 2', externalId: 'EXT-1' }, { 'accept-language': 'zh-CN' });
  assert.equal(taken.status, 409);
  assert.match(taken.body.detail, /^「外部编号」必须唯一/);
});

test('a signed-in web user gets their own language when the browser does not say', async () => {
  const login = await app.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: 'i18n@example.com', password: 'correct horse battery staple 2026' } });
  assert.equal(login.statusCode, 200, login.body);
  const cookie = login.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  const r = await app.app.inject({ method: 'GET', url: '/api/v1/accounts?limit=0', headers: { cookie } });
  assert.equal(JSON.parse(r.body).title, '请求无效');
});
