// Web-to-lead over HTTP: what the public form accepts and refuses (closed form, honeypot, too fast,
// unknown field, rate limit per IP, CORS origin), and the assignment rules in order — a named user,
// round-robin within a team, least-loaded, the default owner.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestContext } from '../../testing.ts';
import { as, createRep, createTeam } from './lead-test-support.ts';

let t: TestContext;
const site = 'https://www.example.com';

before(async () => {
  t = await startTestApp();
});
after(() => t.close());

async function configure(changes: Record<string, unknown> = {}) {
  const put = await t.api('PUT', '/api/v1/sales/lead-capture', {
    isEnabled: true,
    fields: ['name', 'company', 'email', 'phone', 'province', 'industry'],
    allowedOrigins: [site],
    minFillSeconds: 3,
    maxPerHour: 5,
    ...changes,
  });
  assert.equal(put.status, 200, JSON.stringify(put.body));
}

let ipCounter = 0;
/** Posts the form from a fresh IP address unless one is given. */
async function post(body: Record<string, unknown>, { origin = site as string | undefined, ip = `10.1.0.${++ipCounter}` } = {}) {
  const response = await t.app.inject({ method: 'POST', url: '/api/v1/web-to-lead', remoteAddress: ip, headers: origin ? { origin } : {}, payload: body });
  return { status: response.statusCode, headers: response.headers, body: JSON.parse(response.body || 'null') };
}

async function leadsNamed(name: string) {
  return (await t.api('GET', `/api/v1/leads?filter=${encodeURIComponent(`name eq '${name}'`)}`)).body.data as Array<Record<string, unknown>>;
}

const rule = (n: number, rest: Record<string, unknown>) => ({ id: `0190f5d2-0000-7000-8000-00000000010${n}`, name: `Rule ${n}`, isActive: true, provinces: [], industries: [], ...rest });
const ownerOf = async (name: string) => (await leadsNamed(name))[0]?.ownerId;

test('web-to-lead: a closed form takes nothing; an open one creates a web lead with its campaign', async () => {
  const closed = await post({ name: 'Closed 关闭', _fillMs: '5000' });
  assert.equal(closed.status, 404);
  assert.equal(closed.headers['content-type'], 'application/problem+json; charset=utf-8');

  await configure();
  const accepted = await post({ name: '王小明', company: '星河科技', email: 'wang@xinghe.example', utmSource: 'baidu', utmCampaign: 'spring', _hp: '', _fillMs: '8000' });
  assert.equal(accepted.status, 202, JSON.stringify(accepted.body));
  assert.equal(accepted.headers['access-control-allow-origin'], site);
  assert.deepEqual(accepted.body, { isReceived: true }, 'the public learns no record id');
  const [lead] = await leadsNamed('王小明');
  assert.ok(lead);
  assert.deepEqual([lead.source, lead.status, lead.utmSource, lead.utmCampaign, lead.company], ['web', 'new', 'baidu', 'spring', '星河科技']);

  const documented = (await t.api('GET', '/api/v1/openapi.json')).body.paths['/api/v1/web-to-lead'];
  assert.deepEqual(documented?.post?.tags, ['Leads']);
});

test('web-to-lead refuses robots and strangers: honeypot, too fast, unknown field, origin, rate', async () => {
  await configure();
  const robot = await post({ name: 'Robot 机器人', _hp: 'http://spam.example', _fillMs: '9000' });
  assert.equal(robot.status, 202, 'a robot is told it succeeded');
  assert.equal((await leadsNamed('Robot 机器人')).length, 0, 'but nothing is stored');

  const fast = await post({ name: 'Fast 太快', _fillMs: '400' });
  assert.equal(fast.status, 400);
  assert.deepEqual(fast.body.errors.map((e: { field: string; code: string }) => `${e.field}:${e.code}`), ['_fillMs:too_fast']);
  assert.equal((await post({ name: 'No time 没有时间' })).status, 400, 'a post without the fill time is a robot’s');

  const unknown = await post({ name: 'Unknown 未知', city: '深圳', _fillMs: '9000' });
  assert.equal(unknown.status, 400);
  assert.deepEqual(unknown.body.errors.map((e: { field: string; code: string }) => `${e.field}:${e.code}`), ['city:unknown_field'], 'city is not among the form’s fields');
  assert.equal((await post({ name: 'Score 评分', score: '99', _fillMs: '9000' })).status, 400, 'nor may a visitor set the score');

  // Odd input is a 400, never a 500.
  for (const body of [{ company: 'No name', _fillMs: '9000' }, { name: 'Bad mail', email: 'not-an-address', _fillMs: '9000' }, { name: 'Bad industry', industry: 'x', _fillMs: '9000' }, { name: 'Huge', _fillMs: 'Infinity' }]) {
    assert.equal((await post(body)).status, 400, JSON.stringify(body));
  }
  assert.equal((await post(['not', 'an', 'object'] as never)).status, 400);
  assert.equal((await post({ name: { nested: true }, _fillMs: '9000' })).status, 400);

  const stranger = await post({ name: 'Stranger 陌生', _fillMs: '9000' }, { origin: 'https://evil.example' });
  assert.equal(stranger.status, 403);
  assert.equal(stranger.headers['access-control-allow-origin'], undefined);
  assert.equal((await leadsNamed('Stranger 陌生')).length, 0);
  const preflight = await t.app.inject({ method: 'OPTIONS', url: '/api/v1/web-to-lead', headers: { origin: site, 'access-control-request-method': 'POST' } });
  assert.equal(preflight.statusCode, 204);
  assert.equal(preflight.headers['access-control-allow-origin'], site);
  assert.match(String(preflight.headers['access-control-allow-headers']), /content-type/);
  const strangerPreflight = await t.app.inject({ method: 'OPTIONS', url: '/api/v1/web-to-lead', headers: { origin: 'https://evil.example' } });
  assert.equal(strangerPreflight.statusCode, 403);

  const ip = '10.9.9.9';
  for (let i = 0; i < 5; i++) assert.equal((await post({ name: `Burst ${i}`, _fillMs: '9000' }, { ip })).status, 202);
  const limited = await post({ name: 'Burst 6', _fillMs: '9000' }, { ip });
  assert.equal(limited.status, 429);
  assert.ok(limited.headers['retry-after']);
  assert.equal((await post({ name: 'Other IP 其他', _fillMs: '9000' })).status, 202, 'another address is not limited');
});

test('the settings are for administrators and validated', async () => {
  const team = await createTeam(t, 'Settings team');
  const rep = await createRep(t, 'Settings-rep', [team]);
  assert.equal((await as(t, rep, 'GET', '/api/v1/sales/lead-capture')).status, 403);
  assert.equal((await as(t, rep, 'PUT', '/api/v1/sales/lead-routing', { defaultOwnerId: null, isRoutingManualLeads: true, rules: [] })).status, 403);
  assert.equal((await t.api('PUT', '/api/v1/sales/lead-capture', { isEnabled: true, fields: ['score'], allowedOrigins: [], minFillSeconds: 1, maxPerHour: 5 })).status, 400);
  assert.equal((await t.api('PUT', '/api/v1/sales/lead-capture', { isEnabled: true, fields: [], allowedOrigins: ['javascript:alert(1)'], minFillSeconds: 1, maxPerHour: 5 })).status, 400);
  const missingTeam = await t.api('PUT', '/api/v1/sales/lead-routing', {
    defaultOwnerId: null,
    isRoutingManualLeads: true,
    rules: [{ id: '0190f5d2-0000-7000-8000-000000000001', name: 'No team', isActive: true, provinces: [], industries: [], method: 'roundRobin' }],
  });
  assert.equal(missingTeam.status, 400);
  assert.equal(missingTeam.body.errors[0].field, 'rules.0.teamId');
});

test('assignment rules apply in order: named user, round-robin in a team, least-loaded, then the default owner', async () => {
  const south = await createTeam(t, 'South 华南');
  const east = await createTeam(t, 'East 华东');
  const [ann, bob, cai] = [await createRep(t, 'Ann', [south]), await createRep(t, 'Bob', [south]), await createRep(t, 'Cai', [south])];
  const [dan, eve] = [await createRep(t, 'Dan', [east]), await createRep(t, 'Eve', [east])];
  const fin = await createRep(t, 'Fin', []);
  const boss = await createRep(t, 'Boss', [], 'sales_manager');
  const routing = await t.api('PUT', '/api/v1/sales/lead-routing', {
    defaultOwnerId: boss.id,
    isRoutingManualLeads: true,
    rules: [
      rule(1, { industries: ['finance'], method: 'user', userId: fin.id }),
      rule(2, { provinces: ['广东'], method: 'roundRobin', teamId: south }),
      rule(3, { provinces: ['上海', 'Zhejiang'], method: 'leastLoaded', teamId: east }),
      rule(4, { isActive: false, method: 'user', userId: ann.id }),
    ],
  });
  assert.equal(routing.status, 200, JSON.stringify(routing.body));
  await configure({ maxPerHour: 100 });

  // The first rule wins even for a lead the second would take too.
  assert.equal((await post({ name: 'Finance 广东', province: '广东省', industry: 'finance', _fillMs: '9000' })).status, 202);
  assert.equal(await ownerOf('Finance 广东'), fin.id);

  const turns: unknown[] = [];
  for (const n of [1, 2, 3, 4]) {
    assert.equal((await post({ name: `GD ${n}`, province: '广东省', _fillMs: '9000' })).status, 202);
    turns.push(await ownerOf(`GD ${n}`));
  }
  assert.deepEqual(turns, [ann.id, bob.id, cai.id, ann.id], 'each member in turn, by name');

  // Dan already has two open leads (a converted or unqualified one does not count): Eve gets the next ones.
  for (const status of ['new', 'working', 'unqualified']) await t.create('leads', { name: `Dan's ${status}`, status, ownerId: dan.id });
  const loads: unknown[] = [];
  for (const n of [1, 2, 3]) {
    assert.equal((await post({ name: `SH ${n}`, province: '上海', _fillMs: '9000' })).status, 202);
    loads.push(await ownerOf(`SH ${n}`));
  }
  assert.deepEqual(loads, [eve.id, eve.id, dan.id], 'the fewest open leads; the earlier member on a tie');

  assert.equal((await post({ name: 'Nowhere 其他', province: '四川', _fillMs: '9000' })).status, 202);
  assert.equal(await ownerOf('Nowhere 其他'), boss.id, 'no rule matches (the inactive one is skipped): the default owner');

  // A lead created by hand without an owner is routed too; one with an owner keeps it.
  const manual = await as(t, bob, 'POST', '/api/v1/leads', { name: 'Manual 手工', province: '广东' });
  assert.equal(manual.status, 201);
  assert.equal(manual.body.ownerId, bob.id, 'the round-robin turn after Ann is Bob');
  const owned = await t.create('leads', { name: 'Owned 指定', province: '广东', ownerId: eve.id });
  assert.equal(owned.ownerId, eve.id);
});
