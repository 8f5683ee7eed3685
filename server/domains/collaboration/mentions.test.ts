// @mentions over HTTP on a real database: a mentioned colleague who may read the record is told (and
// finds the note), one who may not is told nothing; mentions are user ids, each told once.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestContext } from '../../testing.ts';
import { requestAs, salesRep, type Person } from './test-people.ts';

let t: TestContext;
let wang: Person; // the author
let li: Person; // may read the account: it is shared with her
let emily: Person; // may not read it

before(async () => {
  t = await startTestApp();
  wang = await salesRep(t, 'wang.mentions', '王强', 'zh-CN');
  li = await salesRep(t, 'li.mentions', '李娜', 'zh-CN');
  emily = await salesRep(t, 'emily.mentions', 'Emily Carter');
});
after(() => t.close());

const mentionsOf = async (who: Person) =>
  (await requestAs(t, who, 'GET', '/api/v1/notifications')).body.data.filter((n: { kind: string }) => n.kind === 'record.mentioned');

test('a mention tells a colleague who may read the record, and not one who may not', async () => {
  const account = await requestAs(t, wang, 'POST', '/api/v1/accounts', { name: '星空传媒' });
  assert.equal((await requestAs(t, wang, 'POST', `/api/v1/accounts/${account.body.id}/shares`, { principalType: 'user', principalId: li.id, access: 'read' })).status, 201);

  const note = await requestAs(t, wang, 'POST', '/api/v1/activities', {
    type: 'note',
    subject: '@李娜 @Emily Carter 请看一下报价',
    status: 'done',
    relatedObject: 'accounts',
    relatedId: account.body.id,
    mentionIds: [li.id, emily.id],
  });
  assert.equal(note.status, 201, JSON.stringify(note.body));
  assert.deepEqual(note.body.mentionIds.toSorted(), [li.id, emily.id].toSorted());

  const [told] = await mentionsOf(li);
  assert.ok(told, 'Li is told');
  assert.equal(told.message, '王强 在客户「星空传媒」的笔记中提到了您');
  assert.equal(told.object, 'accounts');
  assert.equal(told.recordId, account.body.id);
  // Emily may not read the account: no notice, so not even its name reaches her.
  assert.deepEqual(await mentionsOf(emily), []);
  const emilyAll = (await requestAs(t, emily, 'GET', '/api/v1/notifications')).body.data;
  assert.ok(!JSON.stringify(emilyAll).includes('星空传媒'));

  // Li finds the note in the account's timeline (the mention shared it with her); Emily cannot read it.
  const timeline = await requestAs(t, li, 'GET', `/api/v1/accounts/${account.body.id}/timeline`);
  assert.ok(timeline.body.data.some((e: { activity?: { id: string } }) => e.activity?.id === note.body.id), JSON.stringify(timeline.body));
  assert.equal((await requestAs(t, emily, 'GET', `/api/v1/activities/${note.body.id}`)).status, 404);

  // Saving the note again tells nobody twice; mentioning a new reader tells only them.
  await requestAs(t, wang, 'PATCH', `/api/v1/activities/${note.body.id}`, { subject: '@李娜 请看一下报价（已更新）' });
  assert.equal((await mentionsOf(li)).length, 1);
});

test('mentioning oneself or an unknown id', async () => {
  const account = await requestAs(t, wang, 'POST', '/api/v1/accounts', { name: 'Self 自己' });
  const self = await requestAs(t, wang, 'POST', '/api/v1/activities', { type: 'note', subject: 'me', relatedObject: 'accounts', relatedId: account.body.id, mentionIds: [wang.id] });
  assert.equal(self.status, 201);
  assert.deepEqual(await mentionsOf(wang), []);
  const unknown = await requestAs(t, wang, 'POST', '/api/v1/activities', { type: 'note', subject: 'x', mentionIds: ['00000000-0000-7000-8000-000000000000'] });
  assert.equal(unknown.status, 400);
  assert.equal((await requestAs(t, wang, 'POST', '/api/v1/activities', { type: 'note', subject: 'x', mentionIds: ['nonsense'] })).status, 400);
});

test('a note about no record tells only those who may read the note itself', async () => {
  const note = await requestAs(t, wang, 'POST', '/api/v1/activities', { type: 'note', subject: '@Emily Carter hello', mentionIds: [emily.id] });
  assert.equal(note.status, 201);
  // The note is private to Wang, so Emily, who cannot read it, is not told.
  assert.deepEqual(await mentionsOf(emily), []);
});
