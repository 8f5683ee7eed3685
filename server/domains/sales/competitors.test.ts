// Competitors on deals and the win/loss analysis: counted only over the deals the caller may read,
// a link's own outcome before the deal's close, and amounts left out for roles that may not see them.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestContext } from '../../testing.ts';
import { createApiKey } from '../../platform/auth/api-keys.ts';
import { ensureUser } from '../../platform/auth/users.ts';

let t: TestContext;
const tokens: Record<string, string> = {};
let rival: string;

const as = (who: string) => (method: 'GET' | 'POST', url: string, body?: unknown) => t.api(method, url, body, { authorization: `Bearer ${tokens[who]}` });

async function deal(who: string, name: string, amount: string, close?: { outcome: 'won' | 'lost'; lossReason?: string }, link: Record<string, unknown> = {}) {
  const created = await as(who)('POST', '/api/v1/opportunities', { name, amount: { amount, currency: 'CNY' } });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  const linked = await as(who)('POST', '/api/v1/opportunityCompetitors', { opportunityId: created.body.id, competitorId: rival, ...link });
  assert.equal(linked.status, 201, JSON.stringify(linked.body));
  if (close) assert.equal((await as(who)('POST', `/api/v1/opportunities/${created.body.id}/close`, close)).status, 200);
  return created.body.id as string;
}

async function analysisOf(who: string) {
  const answer = await as(who)('GET', '/api/v1/competitors/analysis');
  assert.equal(answer.status, 200, JSON.stringify(answer.body));
  return answer.body.data.find((row: { competitorId: string }) => row.competitorId === rival);
}

before(async () => {
  t = await startTestApp();
  const role = await t.api('POST', '/api/v1/admin/roles', {
    key: 'deal_reader',
    name: { en: 'Deal reader', 'zh-CN': '商机查看' },
    permissions: { objects: { '*': ['read'], opportunities: ['read', 'readAll'] }, fields: { opportunities: { amount: 'hidden' } } },
  });
  assert.equal(role.status, 201, JSON.stringify(role.body));
  for (const [who, roleKey] of [['ann', 'sales_rep'], ['bob', 'sales_rep'], ['agent', 'deal_reader']] as const) {
    const { id } = await ensureUser(t.db, { email: `${who}@competitors.example.com`, name: who, roleKey });
    tokens[who] = (await createApiKey(t.db, id, 'competitor tests')).token;
  }
  const created = await as('ann')('POST', '/api/v1/competitors', { name: '对手科技', website: 'https://rival.example.com', strengths: '价格低', weaknesses: '服务慢' });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  rival = created.body.id;
  await deal('ann', 'Ann won', '100000', { outcome: 'won' });
  await deal('ann', 'Ann lost', '50000', { outcome: 'lost', lossReason: '价格' });
  await deal('ann', 'Ann open', '70000');
  // Won overall, but lost against this competitor on one line: the link's own outcome counts.
  await deal('ann', 'Ann split', '20000', { outcome: 'won' }, { outcome: 'lost', reason: '功能' });
  await deal('bob', 'Bob lost', '999000', { outcome: 'lost', lossReason: '价格' });
});
after(() => t.close());

test('a rep’s analysis counts only the deals they may read', async () => {
  const mine = await analysisOf('ann');
  assert.deepEqual({ deals: mine.deals, won: mine.won, lost: mine.lost, open: mine.open }, { deals: 4, won: 1, lost: 2, open: 1 });
  assert.equal(mine.winRate, 1 / 3);
  assert.deepEqual(mine.amountWon, [{ amount: '100000.00', currency: 'CNY' }]);
  assert.deepEqual(mine.amountLost, [{ amount: '70000.00', currency: 'CNY' }], 'Bob’s 999,000 is not theirs to count');
  assert.deepEqual(mine.topLossReasons, [{ reason: '价格', count: 1 }, { reason: '功能', count: 1 }]);
});

test('an administrator’s analysis counts every deal', async () => {
  const all = (await t.api('GET', '/api/v1/competitors/analysis')).body.data.find((row: { competitorId: string }) => row.competitorId === rival);
  assert.deepEqual({ deals: all.deals, lost: all.lost }, { deals: 5, lost: 3 });
  assert.deepEqual(all.topLossReasons[0], { reason: '价格', count: 2 });
  assert.deepEqual(all.amountLost, [{ amount: '1069000.00', currency: 'CNY' }]);
});

test('a role that may not see amounts gets the counts without them', async () => {
  const seen = await analysisOf('agent');
  assert.equal(seen.deals, 5, 'this role reads every deal');
  assert.deepEqual(seen.amountWon, []);
  assert.deepEqual(seen.amountLost, []);
});

test('a deal’s competitors are read through the deal', async () => {
  const bobs = await as('bob')('GET', '/api/v1/opportunityCompetitors?limit=50');
  assert.equal(bobs.body.data.length, 1, 'Bob sees the link on his own deal only');
});
