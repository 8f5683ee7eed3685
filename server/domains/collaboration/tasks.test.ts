// Tasks over HTTP on a real database: the "my tasks" and "overdue" lists with each caller's access,
// checklist validation as one problem naming each bad item, and the complete command.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { startTestApp, type TestContext } from '../../testing.ts';
import { requestAs, salesRep, type Person } from './test-people.ts';

let t: TestContext;
let wang: Person;
let emily: Person;

before(async () => {
  t = await startTestApp();
  wang = await salesRep(t, 'wang.tasks', '王强', 'zh-CN');
  emily = await salesRep(t, 'emily.tasks', 'Emily Carter');
});
after(() => t.close());

const task = (subject: string, values: Record<string, unknown> = {}) => ({ type: 'task', subject, status: 'open', ...values });
const subjects = (body: { data: Array<{ subject: string }> }) => body.data.map((r) => r.subject).toSorted();

test('my tasks: the open tasks assigned to me, soonest due first', async () => {
  await requestAs(t, wang, 'POST', '/api/v1/activities', task('王-later', { dueDate: '2030-02-01' }));
  await requestAs(t, wang, 'POST', '/api/v1/activities', task('王-sooner', { dueDate: '2030-01-02' }));
  await requestAs(t, wang, 'POST', '/api/v1/activities', task('王-done', { status: 'done', dueDate: '2030-01-01' }));
  await requestAs(t, wang, 'POST', '/api/v1/activities', { type: 'call', subject: '王-call', status: 'open' });
  await requestAs(t, emily, 'POST', '/api/v1/activities', task('Emily-own', { dueDate: '2030-01-01' }));
  // The administrator gives Wang a task: it is his.
  await t.create('activities', task('王-assigned', { ownerId: wang.id, dueDate: '2030-01-03' }));

  const mine = await requestAs(t, wang, 'GET', '/api/v1/tasks/mine');
  assert.equal(mine.status, 200, JSON.stringify(mine.body));
  assert.deepEqual(mine.body.data.map((r: { subject: string }) => r.subject), ['王-sooner', '王-assigned', '王-later']);
  assert.deepEqual(subjects((await requestAs(t, emily, 'GET', '/api/v1/tasks/mine')).body), ['Emily-own']);
  assert.equal((await requestAs(t, wang, 'GET', '/api/v1/tasks/mine?limit=0')).status, 400);
});

test('overdue: open tasks due before the day asked, among those the caller may read', async () => {
  const today = '2031-06-10';
  await requestAs(t, wang, 'POST', '/api/v1/activities', task('W overdue', { dueDate: '2031-06-09' }));
  await requestAs(t, wang, 'POST', '/api/v1/activities', task('W due today', { dueDate: '2031-06-10' }));
  await requestAs(t, wang, 'POST', '/api/v1/activities', task('W overdue but done', { status: 'done', dueDate: '2031-06-01' }));
  const hidden = await requestAs(t, emily, 'POST', '/api/v1/activities', task('E overdue private', { dueDate: '2031-06-01' }));
  const shared = await requestAs(t, emily, 'POST', '/api/v1/activities', task('E overdue shared', { dueDate: '2031-06-02' }));
  assert.equal(hidden.status, 201);
  const share = await requestAs(t, emily, 'POST', `/api/v1/activities/${shared.body.id}/shares`, { principalType: 'user', principalId: wang.id, access: 'read' });
  assert.equal(share.status, 201, JSON.stringify(share.body));

  const forWang = await requestAs(t, wang, 'GET', `/api/v1/tasks/overdue?today=${today}`);
  assert.equal(forWang.status, 200);
  // Earlier tests' tasks are due in 2030, so they are overdue too: the reps see their own of those.
  const wangs = subjects(forWang.body).filter((s) => s.startsWith('W ') || s.startsWith('E '));
  assert.deepEqual(wangs, ['E overdue shared', 'W overdue']);
  const forEmily = subjects((await requestAs(t, emily, 'GET', `/api/v1/tasks/overdue?today=${today}`)).body);
  assert.ok(forEmily.includes('E overdue private') && forEmily.includes('E overdue shared') && !forEmily.includes('W overdue'));
  // Wang's manager reads his team's records, so his overdue task too (not Emily's private one).
  const zhao = await salesRep(t, 'zhao.tasks', '赵经理', 'zh-CN');
  await t.db.rows(sql`update users set manager_id = ${zhao.id}::uuid where id = ${wang.id}::uuid`);
  const forManager = subjects((await requestAs(t, zhao, 'GET', `/api/v1/tasks/overdue?today=${today}`)).body);
  assert.ok(forManager.includes('W overdue') && !forManager.includes('E overdue private'), JSON.stringify(forManager));
  // The administrator reads every record.
  assert.ok(subjects((await t.api('GET', `/api/v1/tasks/overdue?today=${today}`)).body).includes('W overdue'));
  assert.equal((await requestAs(t, wang, 'GET', '/api/v1/tasks/overdue?today=tomorrow')).status, 400);
});

test('a checklist is checked item by item: one problem naming every bad part', async () => {
  const bad = await requestAs(t, wang, 'POST', '/api/v1/activities', task('Bad list', { checklist: [{ text: 'ok', isDone: false }, { text: '', isDone: 'yes' }, { text: 'x', isDone: true, colour: 'red' }, 'loose'] }), {
    'accept-language': 'en',
  });
  assert.equal(bad.status, 400);
  assert.match(String(bad.headers['content-type']), /application\/problem\+json/);
  assert.deepEqual(
    bad.body.errors.map((e: { field: string; code: string }) => `${e.field}:${e.code}`),
    ['checklist.1.text:required', 'checklist.1.isDone:type', 'checklist.2.colour:unknown_field', 'checklist.3:type'],
  );
  assert.equal((await requestAs(t, wang, 'POST', '/api/v1/activities', task('Not a list', { checklist: { text: 'a' } }))).body.errors[0].field, 'checklist');
  const tooMany = Array.from({ length: 101 }, (_, i) => ({ text: `item ${i}`, isDone: false }));
  assert.equal((await requestAs(t, wang, 'POST', '/api/v1/activities', task('Too many', { checklist: tooMany }))).body.errors[0].code, 'maxItems');
  const long = await requestAs(t, wang, 'POST', '/api/v1/activities', task('Long', { checklist: [{ text: '长'.repeat(201), isDone: false }] }), { 'accept-language': 'zh-CN' });
  assert.equal(long.body.errors[0].field, 'checklist.0.text');
  assert.equal(long.body.errors[0].code, 'maxLength');

  const good = await requestAs(t, wang, 'POST', '/api/v1/activities', task('Good list', { checklist: [{ text: '报价单', isDone: false }] }));
  assert.equal(good.status, 201);
  const ticked = await requestAs(t, wang, 'PATCH', `/api/v1/activities/${good.body.id}`, { checklist: [{ text: '报价单', isDone: true }] }, { 'if-match': `"${good.body.version}"` });
  assert.equal(ticked.status, 200, JSON.stringify(ticked.body));
  assert.deepEqual(ticked.body.checklist, [{ text: '报价单', isDone: true }]);
  // Updates are checked as strictly as creates.
  assert.equal((await requestAs(t, wang, 'PATCH', `/api/v1/activities/${good.body.id}`, { checklist: [{ isDone: true }] })).status, 400);
});

test('completing a task: done, with the time; only tasks the caller may edit', async () => {
  const created = await requestAs(t, wang, 'POST', '/api/v1/activities', task('Finish me', { dueDate: '2030-05-05' }));
  const wrongVersion = await requestAs(t, wang, 'POST', `/api/v1/tasks/${created.body.id}/complete`, undefined, { 'if-match': '"99"' });
  assert.equal(wrongVersion.status, 412);
  const done = await requestAs(t, wang, 'POST', `/api/v1/tasks/${created.body.id}/complete`);
  assert.equal(done.status, 200, JSON.stringify(done.body));
  assert.equal(done.body.status, 'done');
  assert.ok(Date.parse(done.body.completedAt) > 0);
  assert.ok(!subjects((await requestAs(t, wang, 'GET', '/api/v1/tasks/mine')).body).includes('Finish me'));
  // Reopened, the completion time goes.
  const reopened = await requestAs(t, wang, 'PATCH', `/api/v1/activities/${created.body.id}`, { status: 'open' });
  assert.equal(reopened.body.completedAt, null);
  // Someone else's private task, a call, and nonsense ids are all "not found".
  assert.equal((await requestAs(t, emily, 'POST', `/api/v1/tasks/${created.body.id}/complete`)).status, 404);
  const call = await requestAs(t, wang, 'POST', '/api/v1/activities', { type: 'call', subject: 'A call' });
  assert.equal((await requestAs(t, wang, 'POST', `/api/v1/tasks/${call.body.id}/complete`)).status, 404);
  assert.equal((await requestAs(t, wang, 'POST', '/api/v1/tasks/not-an-id/complete')).status, 404);
  // Users may not set the completion time themselves.
  assert.equal((await requestAs(t, wang, 'PATCH', `/api/v1/activities/${created.body.id}`, { completedAt: '2030-01-01T00:00:00Z' })).status, 400);
});
