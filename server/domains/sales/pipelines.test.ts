// Pipelines over HTTP: the default pipeline, a pipeline of one's own whose stages require fields,
// probability from the stage, the stage history with time per stage, stale deals and record access.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { startTestApp, type TestContext } from '../../testing.ts';
import { createApiKey } from '../../platform/auth/api-keys.ts';
import { flagStaleOpportunities } from './staleness.ts';

let t: TestContext;

before(async () => {
  t = await startTestApp();
});
after(() => t.close());

const fieldErrors = (body: { errors?: Array<{ field: string; code: string }> }) => (body.errors ?? []).map((e) => `${e.field}:${e.code}`);
const DAY = 86_400_000;
/** Seconds as days, to the quarter day. */
const days = (s: number) => Math.round((s / 86_400) * 4) / 4;

/** A pipeline with stages [name, probability, kind, required fields]. */
async function pipeline(name: string, stages: Array<[string, number, string, string[]?]>, extra: Record<string, unknown> = {}) {
  const p = await t.create('pipelines', { name, nameZh: `${name}流程`, ...extra });
  const ids: string[] = [];
  for (const [i, [stage, probability, kind, requiredFields]] of stages.entries()) {
    ids.push((await t.create('pipelineStages', { pipelineId: p.id, name: stage, order: i + 1, probability, kind, requiredFields: requiredFields ?? [] })).id);
  }
  return { id: p.id as string, stages: ids };
}

async function rep(name: string) {
  const roles = (await t.api('GET', '/api/v1/admin/roles')).body.data as Array<{ key: string; id: string }>;
  const team = (await t.api('POST', '/api/v1/admin/teams', { name })).body.id;
  const user = await t.api('POST', '/api/v1/admin/users', { email: `${name}@example.com`, name, roleId: roles.find((r) => r.key === 'sales_rep')!.id, teamIds: [team] });
  const { token } = await createApiKey(t.db, user.body.id, name);
  const as = async (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, body?: unknown) => {
    const r = await t.app.inject({ method, url, headers: { authorization: `Bearer ${token}` }, ...(body === undefined ? {} : { payload: body as object }) });
    return { status: r.statusCode, body: r.body ? JSON.parse(r.body) : null };
  };
  return { id: user.body.id as string, as };
}

test('the default pipeline is there from the start with the stages of the standard pick-list', async () => {
  const pipelines = (await t.api('GET', `/api/v1/pipelines?filter=${encodeURIComponent('isDefault eq true')}`)).body.data;
  assert.equal(pipelines.length, 1);
  const stages = (await t.api('GET', `/api/v1/pipelineStages?filter=${encodeURIComponent(`pipelineId eq '${pipelines[0].id}'`)}&sort=order`)).body.data;
  assert.deepEqual(stages.map((s: { standardStage: string; probability: number }) => [s.standardStage, s.probability]),
    [['interest', 10], ['preference', 50], ['negotiation', 70], ['won', 100], ['lost', 0]]);
  assert.deepEqual(stages.at(-1).requiredFields, ['lossReason']);

  const deal = await t.create('opportunities', { name: 'Placed 默认' });
  assert.equal(deal.pipelineId, pipelines[0].id, 'a deal without a pipeline goes to the default one');
  assert.equal(deal.stageId, stages[0].id);
  const moved = await t.api('PATCH', `/api/v1/opportunities/${deal.id}`, { stageId: stages[2].id });
  assert.deepEqual([moved.body.stage, moved.body.probability], ['negotiation', 70], 'the pick-list follows the pipeline stage');
});

test('entering a stage needs its required fields: 400 naming each, in both languages', async () => {
  const p = await pipeline('Hardware', [['Qualified', 20, 'open'], ['Proposal', 60, 'open', ['amount', 'closeDate']], ['Won', 100, 'won'], ['Lost', 0, 'lost', ['lossReason']]]);
  const deal = await t.create('opportunities', { name: 'Servers 服务器', pipelineId: p.id });
  assert.deepEqual([deal.stageId, deal.stage, deal.probability], [p.stages[0], 'interest', 20], 'starts at the first stage with its probability');

  const refused = await t.api('PATCH', `/api/v1/opportunities/${deal.id}`, { stageId: p.stages[1] });
  assert.equal(refused.status, 400);
  assert.deepEqual(fieldErrors(refused.body), ['amount:required', 'closeDate:required']);
  assert.match(refused.body.errors[0].message, /Proposal/);
  const zh = await t.api('PATCH', `/api/v1/opportunities/${deal.id}`, { stageId: p.stages[1] }, { 'accept-language': 'zh-CN' });
  assert.deepEqual(zh.body.errors.map((e: { message: string }) => e.message), ['请填写此项。', '请填写此项。']);

  const entered = await t.api('PATCH', `/api/v1/opportunities/${deal.id}`, { stageId: p.stages[1], amount: '5000', closeDate: '2026-12-31' });
  assert.equal(entered.status, 200, JSON.stringify(entered.body));
  assert.deepEqual([entered.body.probability, entered.body.stage], [60, 'negotiation']);
  assert.deepEqual(fieldErrors((await t.api('PATCH', `/api/v1/opportunities/${deal.id}`, { amount: null })).body), ['amount:required'], 'cannot be cleared in the stage');

  const lost = await t.api('PATCH', `/api/v1/opportunities/${deal.id}`, { stage: 'lost' });
  assert.deepEqual(fieldErrors(lost.body), ['lossReason:required'], 'the standard pick-list moves to the matching stage, with its rules');
  const own = await t.api('PATCH', `/api/v1/opportunities/${deal.id}`, { stageId: p.stages[3], lossReason: '预算取消', probability: 5 });
  assert.deepEqual([own.body.stage, own.body.probability], ['lost', 5], 'an explicit probability wins over the stage');
});

test("a stage must belong to the deal's pipeline; stages check their own numbers and fields", async () => {
  const a = await pipeline('Pipeline A', [['A1', 10, 'open']]);
  const b = await pipeline('Pipeline B', [['B1', 10, 'open']]);
  const deal = await t.create('opportunities', { name: 'Cross', pipelineId: a.id });
  assert.deepEqual(fieldErrors((await t.api('PATCH', `/api/v1/opportunities/${deal.id}`, { stageId: b.stages[0] })).body), ['stageId:not_in_pipeline']);
  const followed = await t.create('opportunities', { name: 'Follows', stageId: b.stages[0] });
  assert.equal(followed.pipelineId, b.id, 'a deal given only a stage joins its pipeline');
  assert.deepEqual(fieldErrors((await t.api('PATCH', `/api/v1/opportunities/${deal.id}`, { stage: 'won' })).body), ['stage:not_in_pipeline'], 'no won stage in A');

  const bad = await t.api('POST', '/api/v1/pipelineStages', { pipelineId: a.id, name: 'Bad', order: 2, probability: 150, requiredFields: ['nope'] });
  assert.deepEqual(fieldErrors(bad.body).toSorted(), ['probability:maximum', 'requiredFields.0:unknown_field']);
  const derived = await t.create('pipelineStages', { pipelineId: a.id, name: 'Closing', order: 3, probability: 80 });
  assert.equal(derived.standardStage, 'negotiation', 'the standard stage follows from kind and probability');
  assert.equal((await t.api('DELETE', `/api/v1/pipelineStages/${a.stages[0]}`)).status, 400, 'a stage with deals in it stays');
});

test('one default pipeline at a time, and it cannot be deleted', async () => {
  const [current] = (await t.api('GET', `/api/v1/pipelines?filter=${encodeURIComponent('isDefault eq true')}`)).body.data;
  assert.deepEqual(fieldErrors((await t.api('PATCH', `/api/v1/pipelines/${current.id}`, { isDefault: false })).body), ['isDefault:not_allowed']);
  assert.equal((await t.api('DELETE', `/api/v1/pipelines/${current.id}`)).status, 400);
  const next = await pipeline('New default', [['N1', 10, 'open']], { isDefault: true });
  assert.equal((await t.api('GET', `/api/v1/pipelines/${current.id}`)).body.isDefault, false);
  assert.equal((await t.create('opportunities', { name: 'New default deal' })).pipelineId, next.id);
  await t.api('PATCH', `/api/v1/pipelines/${current.id}`, { isDefault: true });
});

test('the stage history: one record per move, the time in each stage up to now, on the timeline', async () => {
  const p = await pipeline('Timed', [['T1', 10, 'open'], ['T2', 40, 'open'], ['T3', 90, 'open']]);
  const deal = await t.create('opportunities', { name: 'Timed deal', pipelineId: p.id });
  await t.api('PATCH', `/api/v1/opportunities/${deal.id}`, { stageId: p.stages[1] });
  await t.api('PATCH', `/api/v1/opportunities/${deal.id}`, { stageId: p.stages[2] });
  await t.api('PATCH', `/api/v1/opportunities/${deal.id}`, { stageId: p.stages[1] });
  // Move the moves into the past: T1 for 3 days, T2 for 2 days, T3 for 18 hours, T2 again since 6 hours ago.
  const now = Date.now();
  const ats = [now - 6 * DAY, now - 3 * DAY, now - DAY, now - DAY / 4];
  const moves = await t.db.rows<{ id: string }>(sql`select id from opportunity_stage_changes where opportunity_id = ${deal.id}::uuid order by at, id`);
  assert.equal(moves.length, 4, 'the creation and three moves');
  for (const [i, move] of moves.entries()) await t.db.rows(sql`update opportunity_stage_changes set at = ${new Date(ats[i]!).toISOString()}::timestamptz where id = ${move.id}::uuid`);

  const history = await t.api('GET', `/api/v1/opportunities/${deal.id}/stages`);
  assert.equal(history.status, 200, JSON.stringify(history.body));
  assert.deepEqual(history.body.data.map((d: { label: { en: string }; seconds: number }) => [d.label.en, days(d.seconds)]), [['T1', 3], ['T2', 2], ['T3', 0.75], ['T2', 0.25]]);
  assert.equal(history.body.data.at(-1).leftAt, null, 'the current stage runs up to now');
  assert.deepEqual(history.body.totals.map((s: { label: { en: string }; seconds: number }) => [s.label.en, days(s.seconds)]), [['T1', 3], ['T2', 2.25], ['T3', 0.75]]);

  const timeline = (await t.api('GET', `/api/v1/opportunities/${deal.id}/timeline`)).body.data;
  assert.equal(timeline.filter((e: { kind: string }) => e.kind === 'stageChange').length, 4, 'stage moves are timeline entries');
  assert.equal((await t.api('POST', '/api/v1/opportunityStageChanges', { at: new Date().toISOString() })).status, 400, 'nobody writes a move by hand');
  assert.equal((await t.api('DELETE', `/api/v1/opportunityStageChanges/${moves[0]!.id}`)).status, 400, 'nor removes one');
  assert.equal((await t.api('GET', '/api/v1/opportunities/01900000-0000-7000-8000-000000000000/stages')).status, 404);
});

test("a rep reads the stage history of the deals they see, and only those", async () => {
  const [north, south] = [await rep('hist-north'), await rep('hist-south')];
  const deal = await t.create('opportunities', { name: 'South 南区历史', ownerId: south.id });
  await t.api('PATCH', `/api/v1/opportunities/${deal.id}`, { stage: 'preference' });
  assert.equal((await north.as('GET', `/api/v1/opportunities/${deal.id}/stages`)).status, 404);
  const moves = await north.as('GET', `/api/v1/opportunityStageChanges?filter=${encodeURIComponent(`opportunityId eq '${deal.id}'`)}`);
  assert.deepEqual(moves.body.data, [], 'not through the list either');
  const own = await south.as('GET', `/api/v1/opportunities/${deal.id}/stages`);
  assert.equal(own.status, 200);
  assert.equal(own.body.data.length, 2);
  assert.equal((await north.as('POST', '/api/v1/pipelines', { name: 'Mine' })).status, 403, 'reps read pipelines, they do not make them');
  assert.ok((await north.as('GET', '/api/v1/pipelines')).body.data.length >= 1);
});

test('stale deals: flagged by the daily job after the pipeline\'s days without activity, fresh again after a call', async () => {
  const p = await pipeline('Quick', [['Q1', 10, 'open'], ['Q2', 100, 'won']], { staleAfterDays: 3 });
  const idle = await t.create('opportunities', { name: 'Idle 停滞', pipelineId: p.id });
  const busy = await t.create('opportunities', { name: 'Busy', pipelineId: p.id });
  const closed = await t.create('opportunities', { name: 'Closed', pipelineId: p.id, stageId: p.stages[1] });
  const ago = new Date(Date.now() - 4 * DAY).toISOString();
  await t.db.rows(sql`update opportunities set last_activity_at = ${ago}::timestamptz where id in (${idle.id}::uuid, ${busy.id}::uuid, ${closed.id}::uuid)`);
  await t.create('activities', { type: 'call', subject: 'Check-in 回访', relatedObject: 'opportunities', relatedId: busy.id });
  assert.ok(Date.parse((await t.api('GET', `/api/v1/opportunities/${busy.id}`)).body.lastActivityAt) > Date.now() - 60_000, 'an activity refreshes the deal');

  assert.ok((await flagStaleOpportunities(t.db, new Date())) >= 1);
  const stale = (await t.api('GET', `/api/v1/opportunities?filter=${encodeURIComponent(`isStale eq true and pipelineId eq '${p.id}'`)}`)).body.data;
  assert.deepEqual(stale.map((o: { name: string }) => o.name), ['Idle 停滞'], 'only the open idle deal, filterable in lists');
  const versionBefore = (await t.api('GET', `/api/v1/opportunities/${idle.id}`)).body.version;
  await t.create('activities', { type: 'note', subject: '跟进', opportunityId: idle.id });
  const fresh = (await t.api('GET', `/api/v1/opportunities/${idle.id}`)).body;
  assert.deepEqual([fresh.isStale, fresh.version], [false, versionBefore], 'fresh again, without a new version');

  await t.api('PATCH', `/api/v1/pipelines/${p.id}`, { staleAfterDays: 30 });
  await t.db.rows(sql`update opportunities set is_stale = true where id = ${busy.id}::uuid`);
  await flagStaleOpportunities(t.db, new Date());
  assert.equal((await t.api('GET', `/api/v1/opportunities/${busy.id}`)).body.isStale, false, 'the job clears a flag no longer earned');
  assert.equal(fieldErrors((await t.api('PATCH', `/api/v1/pipelines/${p.id}`, { staleAfterDays: 0 })).body)[0], 'staleAfterDays:minimum');
  const job = t.registry.modules.jobsFor({ db: t.db, registry: t.registry, now: () => new Date() }).find((j) => j.name === 'sales.flag-stale-opportunities');
  assert.ok(job?.schedule, 'a scheduled daily job');
});
