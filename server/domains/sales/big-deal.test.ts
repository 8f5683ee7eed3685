// Big-deal alerts: only the write that brings a deal to its currency's threshold alerts, only the
// owner's managers who may read the deal are told, and the e-mail goes out through the mail job.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { startTestApp, type TestContext } from '../../testing.ts';
import { createApiKey } from '../../platform/auth/api-keys.ts';
import { ensureUser } from '../../platform/auth/users.ts';
import { createMailer } from '../../platform/mail/mailer.ts';
import { startSmtpPeer, type SmtpPeer } from '../../platform/mail/test-smtp.ts';
import { sendPendingNotificationMails } from '../../notifications/email.ts';

let t: TestContext;
let smtp: SmtpPeer;
let rep: { id: string; token: string };
let manager: string;
let director: string;
let blindBoss: string;

async function alertsFor(dealId: string) {
  const rows = await t.db.rows<{ user_id: string }>(sql`select user_id from notifications where kind = 'deal.big' and record_id = ${dealId}::uuid order by user_id`);
  return rows.map((r) => r.user_id).toSorted();
}

const asRep = (method: 'POST' | 'PATCH', url: string, body: unknown) => t.api(method, url, body, { authorization: `Bearer ${rep.token}` });

before(async () => {
  smtp = await startSmtpPeer();
  t = await startTestApp();
  const role = await t.api('POST', '/api/v1/admin/roles', { key: 'no_deals', name: { en: 'No deals', 'zh-CN': '无商机' }, permissions: { objects: { '*': ['read'], opportunities: [] } } });
  assert.equal(role.status, 201, JSON.stringify(role.body));
  rep = { id: (await ensureUser(t.db, { email: 'big-rep@example.com', name: '销售小李', roleKey: 'sales_rep' })).id, token: '' };
  rep.token = (await createApiKey(t.db, rep.id, 'big deals')).token;
  manager = (await ensureUser(t.db, { email: 'big-manager@example.com', name: '王经理', roleKey: 'sales_manager', locale: 'zh-CN' })).id;
  director = (await ensureUser(t.db, { email: 'big-director@example.com', name: 'Director Chen', roleKey: 'sales_director', locale: 'en' })).id;
  blindBoss = (await ensureUser(t.db, { email: 'blind-boss@example.com', name: 'Blind boss', roleKey: 'sales_rep' })).id;
  await t.db.rows(sql`update users set role_id = ${role.body.id}::uuid where id = ${blindBoss}::uuid`);
  // rep → manager → director → blind boss (who may not read opportunities at all)
  await t.db.rows(sql`update users set manager_id = ${manager}::uuid where id = ${rep.id}::uuid`);
  await t.db.rows(sql`update users set manager_id = ${director}::uuid where id = ${manager}::uuid`);
  await t.db.rows(sql`update users set manager_id = ${blindBoss}::uuid where id = ${director}::uuid`);
  const saved = await t.api('PUT', '/api/v1/sales/settings/big-deals', { thresholds: [{ currency: 'CNY', amount: '1000000' }, { currency: 'USD', amount: '150000' }] });
  assert.equal(saved.status, 200, JSON.stringify(saved.body));
});
after(async () => {
  await t.close();
  await smtp.close();
});

test('crossing the threshold alerts the manager chain once; saving above it again does not', async () => {
  const created = await asRep('POST', '/api/v1/opportunities', { name: '大单测试', amount: { amount: '500000', currency: 'CNY' } });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  const id = created.body.id;
  assert.deepEqual(await alertsFor(id), [], 'below the line');
  await asRep('PATCH', `/api/v1/opportunities/${id}`, { amount: { amount: '1200000', currency: 'CNY' } });
  assert.deepEqual(await alertsFor(id), [manager, director].toSorted(), 'the manager chain that may read it, not the blind boss');
  await asRep('PATCH', `/api/v1/opportunities/${id}`, { amount: { amount: '1500000', currency: 'CNY' } });
  await asRep('PATCH', `/api/v1/opportunities/${id}`, { description: '又改了一次' });
  assert.equal((await alertsFor(id)).length, 2, 'no second alert while it stays above');
  await asRep('PATCH', `/api/v1/opportunities/${id}`, { amount: { amount: '900000', currency: 'CNY' } });
  await asRep('PATCH', `/api/v1/opportunities/${id}`, { amount: { amount: '1000000', currency: 'CNY' } });
  assert.equal((await alertsFor(id)).length, 4, 'falling back and crossing again alerts again');
});

test('the threshold is per currency; a currency without one never alerts', async () => {
  const usd = await asRep('POST', '/api/v1/opportunities', { name: 'Dollar deal', amount: { amount: '200000', currency: 'USD' } });
  assert.deepEqual(await alertsFor(usd.body.id), [manager, director].toSorted(), 'created above the line');
  const eur = await asRep('POST', '/api/v1/opportunities', { name: 'Euro deal', amount: { amount: '99000000', currency: 'EUR' } });
  assert.deepEqual(await alertsFor(eur.body.id), []);
});

test('the alert is mailed to each manager in their language', async () => {
  const mailer = createMailer({ smtpUrl: smtp.url, from: 'Guanxi <no-reply@example.com>' });
  try {
    await t.db.rows(sql`update notifications set email_status = null where email_status = 'pending'`);
    smtp.inbox.length = 0;
    const deal = await asRep('POST', '/api/v1/opportunities', { name: '邮件大单', amount: { amount: '3000000', currency: 'CNY' } });
    assert.equal(deal.status, 201);
    assert.equal(await sendPendingNotificationMails({ db: t.db, registry: t.registry, mailer, publicUrl: 'https://crm.example.com' }), 2);
    const subjects = smtp.inbox.map((m) => m.subject ?? '').toSorted();
    assert.equal(subjects.length, 2);
    assert.ok(subjects.some((s) => s.startsWith('Big deal:') && s.includes('邮件大单')), subjects.join(' | '));
    assert.ok(subjects.some((s) => s.startsWith('大单提醒') && s.includes('邮件大单')), subjects.join(' | '));
  } finally {
    mailer.close();
  }
});

test('only administrators change the thresholds, and a currency is listed once', async () => {
  assert.equal((await asRep('PATCH', '/api/v1/sales/settings/big-deals', {})).status, 404);
  assert.equal((await t.api('PUT', '/api/v1/sales/settings/big-deals', { thresholds: [{ currency: 'CNY', amount: '1' }, { currency: 'CNY', amount: '2' }] })).status, 400);
  assert.equal((await t.api('PUT', '/api/v1/sales/settings/big-deals', { thresholds: [{ currency: 'cny', amount: '1' }] })).status, 400);
  const refused = await t.api('PUT', '/api/v1/sales/settings/big-deals', { thresholds: [] }, { authorization: `Bearer ${rep.token}` });
  assert.equal(refused.status, 403);
});
