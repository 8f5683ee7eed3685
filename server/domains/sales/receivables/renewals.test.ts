// The renewal reminder on a real database: an active contract ending within its reminder days tells
// its owner once (in-app and by e-mail), however often the job runs; a new term (a later end date)
// is reminded again. The clock is passed in, so the test is the same any day.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { startTestApp, type TestContext } from '../../../testing.ts';
import { remindContractRenewals } from './renewals.ts';
import { requestAs, salesTeam, type People } from './test-people.ts';

let t: TestContext;
let people: People;
before(async () => {
  t = await startTestApp();
  people = await salesTeam(t, 'renewals');
});
after(() => t.close());

const now = new Date('2032-05-10T06:00:00Z');

test('each contract due for renewal is reminded once per term, to its owner', async () => {
  const accountId = (await t.create('accounts', { name: '续约客户', ownerId: people.rep1.id })).id;
  const contract = (title: string, values: Record<string, unknown>) =>
    t.create('contracts', { title, accountId, ownerId: people.rep1.id, status: 'active', value: '1000', renewalReminderDays: 30, ...values });
  const soon = await contract('年度服务合同', { endDate: '2032-06-05' });
  await contract('Later contract', { endDate: '2032-07-30' });
  await contract('Draft contract', { endDate: '2032-05-20', status: 'draft' });
  await contract('Ended contract', { endDate: '2032-05-01' });
  const short = await contract('Short notice', { endDate: '2032-05-15', renewalReminderDays: 5 });

  assert.equal(await remindContractRenewals(t.db, now), 2);
  assert.equal(await remindContractRenewals(t.db, now), 0, 'a second run reminds nobody again');
  assert.equal(await remindContractRenewals(t.db, new Date('2032-05-11T06:00:00Z')), 0);
  const notices = async () => (await requestAs(t, people.rep1.token, 'GET', '/api/v1/notifications')).body.data.filter((n: { kind: string }) => n.kind === 'contract.renewalDue');
  const first = await notices();
  assert.deepEqual(first.map((n: { recordId: string }) => n.recordId).toSorted(), [soon.id, short.id].toSorted());
  assert.ok(first.some((n: { message: string }) => n.message.includes('年度服务合同')));
  const [mail] = await t.db.rows<{ n: number | string }>(sql`select count(*) as n from notifications where kind = 'contract.renewalDue' and email_status = 'pending'`);
  assert.equal(Number(mail!.n), 2, 'an e-mail is queued with each notice');

  // Renewed for a year: the new term is reminded when it comes near its end, once.
  assert.equal((await t.api('PATCH', `/api/v1/contracts/${soon.id}`, { endDate: '2033-06-05' })).status, 200);
  assert.equal(await remindContractRenewals(t.db, new Date('2032-06-01T06:00:00Z')), 0);
  assert.equal(await remindContractRenewals(t.db, new Date('2033-05-20T06:00:00Z')), 1);
  assert.equal((await notices()).length, 3);
  // Nobody can clear the mark to be reminded again.
  assert.equal((await t.api('PATCH', `/api/v1/contracts/${soon.id}`, { renewalRemindedFor: null })).status, 400);
});

test('the jobs are registered with the platform', () => {
  const names = t.registry.modules.jobsFor({ db: t.db, registry: t.registry, now: () => now }).map((j) => j.name);
  assert.ok(names.includes('receivables.remind-contract-renewals'));
  assert.ok(names.includes('receivables.mark-overdue-instalments'));
});
