// The lead score: the model learns a known signal from generated leads (a sensible AUC on held-out
// ones, the right signs on the weights), explains a score by its top factors, and the retraining
// (the job's work, also a command) stores the model and scores leads as they are written.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { startTestApp, type TestContext } from '../../testing.ts';
import { areaUnderCurve, explain, train } from './lead-score-model.ts';
import { leadScoreJobs } from './lead-score.ts';

/** A small deterministic generator (mulberry32), so the data and the result never vary. */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let r = Math.imul(a ^ (a >>> 15), 1 | a);
    r = (r + Math.imul(r ^ (r >>> 7), 61 | r)) ^ r;
    return ((r ^ (r >>> 14)) >>> 0) / 4294967296;
  };
}

const sources = ['referral', 'web', 'event', 'cold_call'];
const industries = ['finance', 'retail', 'technology'];
const provinces = ['广东', '上海', '北京'];

/** Leads whose conversion depends on the source (referral high, cold call low) and on having an e-mail. */
function generate(count: number, seed = 7) {
  const next = random(seed);
  const pick = <T>(list: T[]) => list[Math.floor(next() * list.length)]!;
  const lift: Record<string, number> = { referral: 1.6, web: 0.2, event: 0, cold_call: -1.8 };
  return Array.from({ length: count }, (_, i) => {
    const source = pick(sources);
    const email = next() < 0.6 ? `p${i}@example.com` : null;
    const z = -0.5 + lift[source]! + (email ? 1 : -0.5);
    return { id: `lead-${i}`, source, industry: pick(industries), province: pick(provinces), email, phone: next() < 0.5 ? '+8613800138000' : null, isConverted: next() < 1 / (1 + Math.exp(-z)) };
  });
}

test('the model learns a known signal: good AUC on held-out leads and weights of the right sign', () => {
  const model = train(generate(2000), new Date('2026-01-01T00:00:00Z'))!;
  assert.ok(model.auc !== null && model.auc > 0.75, `AUC ${model.auc}`);
  assert.ok(model.heldOutCount > 300 && model.trainingCount > 1400, 'about a fifth is held out');
  assert.ok(model.weights['source=referral']! > 0.5 && model.weights['source=cold_call']! < -0.5);
  assert.ok(model.weights.hasEmail! > 0.3);
  assert.ok(Math.abs(model.weights['industry=finance']!) < 0.3, 'no signal, small weight');

  const { score, factors } = explain(model, { source: 'referral', email: 'a@b.example', industry: 'retail' });
  assert.ok(score > 70, `score ${score}`);
  assert.deepEqual(factors.slice(0, 2).map((f) => f.feature).toSorted(), ['hasEmail', 'source=referral']);

  const random01 = train(generate(2000).map((l, i) => ({ ...l, isConverted: i % 2 === 0 })), new Date())!;
  assert.ok(Math.abs(random01.auc! - 0.5) < 0.1, `no signal, AUC near 0.5: ${random01.auc}`);
  assert.equal(train(generate(5), new Date()), undefined, 'too few leads to learn from');
});

test('areaUnderCurve: perfect, reversed, ties and one-class sets', () => {
  assert.equal(areaUnderCurve([{ score: 0.9, isConverted: true }, { score: 0.1, isConverted: false }]), 1);
  assert.equal(areaUnderCurve([{ score: 0.1, isConverted: true }, { score: 0.9, isConverted: false }]), 0);
  assert.equal(areaUnderCurve([{ score: 0.5, isConverted: true }, { score: 0.5, isConverted: false }]), 0.5);
  assert.equal(areaUnderCurve([{ score: 0.5, isConverted: true }]), null);
});

let t: TestContext;
before(async () => {
  t = await startTestApp();
});
after(() => t.close());

test('retraining stores the model with its AUC, rescores open leads, and new leads get a score with factors', async () => {
  assert.deepEqual((await t.api('GET', '/api/v1/sales/lead-score')).body, { model: null });
  const leads = generate(120, 11);
  const bulk = await t.api('POST', '/api/v1/leads/bulk', {
    action: 'create',
    records: leads.map((l, i) => ({ name: `Judged ${i}`, source: l.source, industry: l.industry, province: l.province, email: l.email, status: l.isConverted ? 'qualified' : 'unqualified' })),
  });
  assert.equal(bulk.status, 200, JSON.stringify(bulk.body).slice(0, 300));
  // Marked converted as the conversion would (the API only converts through the command).
  await t.db.rows(sql`update leads set status = 'converted' where status = 'qualified' and name like 'Judged %'`);
  const open = await t.create('leads', { name: 'Open before 训练前', source: 'referral', email: 'open@example.com' });
  assert.equal(open.score, null, 'no model yet');

  const [job] = leadScoreJobs({ db: t.db, registry: t.registry, now: () => new Date('2026-06-01T03:41:00Z') });
  assert.equal(job!.name, 'sales.train-lead-score');
  await job!.handler({}, { log: { info: () => {}, warn: () => {}, error: () => {} } } as never);
  const summary = (await t.api('GET', '/api/v1/sales/lead-score')).body.model;
  assert.equal(summary.trainedAt, '2026-06-01T03:41:00.000Z');
  assert.equal(summary.trainingCount + summary.heldOutCount, 120);
  assert.ok(summary.auc === null || (summary.auc >= 0 && summary.auc <= 1));
  assert.ok(summary.weights.length > 0);

  const rescored = (await t.api('GET', `/api/v1/leads/${open.id}`)).body;
  assert.equal(typeof rescored.score, 'number', 'open leads are rescored');
  assert.equal(rescored.version, open.version, 'rescoring is bookkeeping, not an edit');
  const fresh = await t.create('leads', { name: 'After 训练后', source: 'cold_call' });
  assert.equal(typeof fresh.score, 'number');
  assert.ok(Array.isArray(fresh.scoreFactors) && fresh.scoreFactors.some((f: { feature: string }) => f.feature === 'source=cold_call'));
  assert.equal((await t.api('PATCH', `/api/v1/leads/${fresh.id}`, { scoreFactors: [] })).status, 400, 'nobody sets the factors by hand');

  const trained = await t.api('POST', '/api/v1/sales/lead-score/train');
  assert.equal(trained.status, 200);
  assert.equal(trained.body.judgedCount, 120);
});
