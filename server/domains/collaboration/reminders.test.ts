// The due-soon reminder on a real database: each open task due within a day tells its assignee once,
// and again only after its due date moves. The clock is passed in, so the test is the same any day.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestContext } from '../../testing.ts';
import { remindTasksDueSoon } from './reminders.ts';
import { requestAs, salesRep, type Person } from './test-people.ts';

let t: TestContext;
let wang: Person;

before(async () => {
  t = await startTestApp();
  wang = await salesRep(t, 'wang.reminders', '王强', 'zh-CN');
});
after(() => t.close());

const now = new Date('2032-03-10T08:00:00Z');
const remindersOf = async (who: Person) =>
  (await requestAs(t, who, 'GET', '/api/v1/notifications')).body.data.filter((n: { kind: string }) => n.kind === 'task.dueSoon');

test('each task due within a day is reminded once, to its assignee', async () => {
  const create = async (subject: string, values: Record<string, unknown>) =>
    (await requestAs(t, wang, 'POST', '/api/v1/activities', { type: 'task', subject, status: 'open', ...values })).body;
  const today = await create('今天到期', { dueDate: '2032-03-10' });
  const tomorrow = await create('明天到期', { dueDate: '2032-03-11' });
  await create('下周到期', { dueDate: '2032-03-17' });
  await create('已完成', { dueDate: '2032-03-10', status: 'done' });
  await requestAs(t, wang, 'POST', '/api/v1/activities', { type: 'call', subject: '电话', dueDate: '2032-03-10' });

  assert.equal(await remindTasksDueSoon(t.db, now), 2);
  assert.equal(await remindTasksDueSoon(t.db, now), 0, 'a second run reminds nobody again');
  assert.equal(await remindTasksDueSoon(t.db, new Date(now.getTime() + 3_600_000)), 0);
  const reminders = await remindersOf(wang);
  assert.deepEqual(reminders.map((n: { recordId: string }) => n.recordId).toSorted(), [today.id, tomorrow.id].toSorted());
  assert.ok(reminders.some((n: { message: string }) => n.message === '您的任务「今天到期」即将到期'));

  // Moved to a later day that is again within a day of the clock: one new reminder.
  await requestAs(t, wang, 'PATCH', `/api/v1/activities/${tomorrow.id}`, { dueDate: '2032-03-12' });
  assert.equal(await remindTasksDueSoon(t.db, new Date('2032-03-11T09:00:00Z')), 1);
  assert.equal((await remindersOf(wang)).length, 3);
  // A user cannot clear the mark to be reminded again.
  assert.equal((await requestAs(t, wang, 'PATCH', `/api/v1/activities/${today.id}`, { reminderSentFor: null })).status, 400);
});

test('the job is registered with the platform', () => {
  const names = t.registry.modules.jobsFor({ db: t.db, registry: t.registry, now: () => now }).map((j) => j.name);
  assert.ok(names.includes('collaboration.remind-tasks-due-soon'));
});
