// Notification e-mails against a real SMTP peer: sent outside any transaction, retried after a
// temporary refusal, given up after a permanent one, and sent again when a worker died mid-batch.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { startTestApp, type TestContext } from '../testing.ts';
import { ensureUser } from '../platform/auth/users.ts';
import { createMailer } from '../platform/mail/mailer.ts';
import { startSmtpPeer, type SmtpPeer } from '../platform/mail/test-smtp.ts';
import { sendPendingNotificationMails } from './email.ts';

let t: TestContext;
let smtp: SmtpPeer;
let deps: Parameters<typeof sendPendingNotificationMails>[0];
let ownerId: string;

before(async () => {
  smtp = await startSmtpPeer();
  t = await startTestApp();
  deps = { db: t.db, registry: t.registry, mailer: createMailer({ smtpUrl: smtp.url, from: 'Guanxi <no-reply@example.com>' }), publicUrl: 'https://crm.example.com' };
  ownerId = (await ensureUser(t.db, { email: 'mail-owner@example.com', name: '收件人', roleKey: 'sales_rep' })).id;
});
after(async () => {
  deps.mailer.close();
  await t.close();
  await smtp.close();
});

const statusOf = async (recordId: string) =>
  (await t.db.rows<{ s: string }>(sql`select email_status as s from notifications where record_id = ${recordId}::uuid`))[0]?.s;

test('while the SMTP server is slow, the database is free for everyone else', async () => {
  const account = await t.create('accounts', { name: '慢邮件客户', ownerId });
  smtp.behaviour.delayMs = 800;
  try {
    let isMailDone = false;
    const sending = sendPendingNotificationMails(deps).then((n) => ((isMailDone = true), n));
    await new Promise((resolve) => setTimeout(resolve, 200)); // the mail is on its way
    assert.equal((await t.api('GET', '/api/v1/accounts?limit=1')).status, 200);
    assert.equal(isMailDone, false, 'a read was answered while the mail was still being sent');
    assert.equal(await sending, 1);
    assert.equal(await statusOf(account.id), 'sent');
  } finally {
    smtp.behaviour.delayMs = undefined;
  }
});

test('a temporary refusal leaves the mail pending for the next run; a permanent one gives up', async () => {
  const account = await t.create('accounts', { name: '暂拒客户', ownerId });
  smtp.behaviour.refuseWith = 451;
  await assert.rejects(sendPendingNotificationMails(deps));
  assert.equal(await statusOf(account.id), 'pending');
  smtp.behaviour.refuseWith = undefined;
  assert.equal(await sendPendingNotificationMails(deps), 1);
  assert.equal(await statusOf(account.id), 'sent');

  const refused = await t.create('accounts', { name: '永拒客户', ownerId });
  smtp.behaviour.refuseWith = 550;
  await assert.rejects(sendPendingNotificationMails(deps));
  smtp.behaviour.refuseWith = undefined;
  assert.equal(await statusOf(refused.id), 'failed');
  assert.equal(await sendPendingNotificationMails(deps), 0, 'not tried again');
});

test('a claim left by a worker that died is sent again once it is old; a fresh one is left alone', async () => {
  const stale = await t.create('accounts', { name: '旧认领客户', ownerId });
  const fresh = await t.create('accounts', { name: '新认领客户', ownerId });
  await t.db.rows(sql`update notifications set email_status = 'sending', email_claimed_at = now() - interval '11 minutes' where record_id = ${stale.id}::uuid`);
  await t.db.rows(sql`update notifications set email_status = 'sending', email_claimed_at = now() - interval '1 minute' where record_id = ${fresh.id}::uuid`);
  smtp.inbox.length = 0;
  assert.equal(await sendPendingNotificationMails(deps), 1);
  assert.match(smtp.inbox[0]!.subject ?? '', /旧认领客户/);
  assert.equal(await statusOf(stale.id), 'sent');
  assert.equal(await statusOf(fresh.id), 'sending');
});
