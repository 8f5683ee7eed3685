// The relationship network over HTTP: relationship writes, neighbourhoods, "who connects us to X"
// compared with an independent breadth-first search on a generated graph, record access and field
// security on every answer, input limits, and the org chart.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestContext } from '../../testing.ts';
import { createApiKey } from '../../platform/auth/api-keys.ts';

const SECRET_NOTE = 'secretnote-network';
const SECRET_TITLE = 'Secret job title';

let t: TestContext;
let probeId: string;
let probeToken: string;
let typeIds: Record<string, string>;

async function asProbe(url: string) {
  const response = await t.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${probeToken}` } });
  return { status: response.statusCode, headers: response.headers, text: response.body, body: JSON.parse(response.body) };
}

async function bulkCreate(object: string, records: Record<string, unknown>[]): Promise<any[]> {
  const created: any[] = [];
  for (let i = 0; i < records.length; i += 200) {
    const reply = await t.api('POST', `/api/v1/${object}/bulk`, { action: 'create', records: records.slice(i, i + 200) });
    assert.equal(reply.status, 200, JSON.stringify(reply.body));
    created.push(...reply.body.data);
  }
  return created;
}

function relate(from: { object: string; id: string }, to: { object: string; id: string }, extra: Record<string, unknown> = {}) {
  return { fromObject: from.object, fromId: from.id, toObject: to.object, toId: to.id, typeId: typeIds.peer, ...extra };
}

before(async () => {
  t = await startTestApp();
  // Reads every account but only its own contacts; relationship notes and contacts' job titles are hidden.
  const role = await t.api('POST', '/api/v1/admin/roles', {
    key: 'network_probe',
    name: { en: 'Network probe', 'zh-CN': '网络探针' },
    permissions: {
      objects: { accounts: ['read', 'create', 'edit', 'readAll'], contacts: ['read', 'create', 'edit'], relationships: ['read', 'create', 'edit'], '*': ['read'] },
      fields: { relationships: { note: 'hidden' }, contacts: { title: 'hidden' } },
    },
  });
  assert.equal(role.status, 201, JSON.stringify(role.body));
  const user = await t.api('POST', '/api/v1/admin/users', { email: 'network-probe@example.com', name: 'Probe', roleId: role.body.id });
  probeId = user.body.id;
  probeToken = (await createApiKey(t.db, probeId, 'probe')).token;
  const types = await t.api('GET', '/api/v1/relationshipTypes?limit=100');
  typeIds = Object.fromEntries(types.body.data.map((r: any) => [r.key, r.id]));
});

after(async () => {
  await t?.close();
});

test('the standard relationship types are seeded, and relationships check their ends, strength and dates', async () => {
  assert.deepEqual(Object.keys(typeIds).toSorted(), ['customer', 'formerColleague', 'friend', 'parent', 'peer', 'relative', 'subsidiary', 'supplier']);
  const a = await t.create('accounts', { name: '星空科技' });
  const b = await t.create('accounts', { name: 'Moonrise Ltd' });
  const ok = await t.create('relationships', relate({ object: 'accounts', id: a.id }, { object: 'accounts', id: b.id }, { typeId: typeIds.supplier, strength: 4 }));
  assert.equal(ok.summary, 'Upstream supplier · 上游供应商', "the summary names the type, never the ends (a reader may not see them)");
  assert.equal(ok.direction, 'directed');
  const self = await t.api('POST', '/api/v1/relationships', relate({ object: 'accounts', id: a.id }, { object: 'accounts', id: a.id }));
  assert.equal(self.status, 400);
  assert.equal(self.body.errors[0].field, 'toId');
  const strong = await t.api('POST', '/api/v1/relationships', relate({ object: 'accounts', id: a.id }, { object: 'accounts', id: b.id }, { strength: 7 }));
  assert.equal(strong.status, 400);
  assert.equal(strong.body.errors[0].field, 'strength');
  const dates = await t.api('POST', '/api/v1/relationships', relate({ object: 'accounts', id: a.id }, { object: 'accounts', id: b.id }, { startDate: '2024-05-01', endDate: '2023-01-01' }));
  assert.equal(dates.status, 400);
  const wrongKind = await t.api('POST', '/api/v1/relationships', relate({ object: 'contacts', id: a.id }, { object: 'accounts', id: b.id }));
  assert.equal(wrongKind.status, 400, 'an id that is not a record of the named object is refused');
  const otherObject = await t.api('POST', '/api/v1/relationships', relate({ object: 'leads', id: a.id }, { object: 'accounts', id: b.id }));
  assert.equal(otherObject.status, 400);
});

// A small deterministic PRNG (mulberry32), so the generated graph is the same on every run.
function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let x = Math.imul(s ^ (s >>> 15), 1 | s);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

interface GraphNode {
  id: string;
  object: string;
  isMine: boolean;
  isVisible: boolean;
}

function compareIds(a: string[], b: string[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
  return a.length - b.length;
}

/**
 * The expected answer, by breadth-first enumeration of simple paths from the target over visible
 * nodes, not going on from one of mine; the k shortest, ties by ids from the target outward.
 */
function expectedPaths(nodes: Map<string, GraphNode>, adjacency: Map<string, Set<string>>, target: string, k: number, depth: number): string[][] {
  const found: string[][] = [];
  let frontier: string[][] = [[target]];
  if (nodes.get(target)!.isMine) found.push([target]);
  for (let level = 1; level <= depth && !nodes.get(target)!.isMine; level++) {
    const next: string[][] = [];
    for (const path of frontier) {
      const last = nodes.get(path.at(-1)!)!;
      if (path.length > 1 && last.isMine) continue;
      for (const neighbour of adjacency.get(last.id) ?? []) {
        if (!nodes.get(neighbour)!.isVisible || path.includes(neighbour)) continue;
        const extended = [...path, neighbour];
        next.push(extended);
        if (nodes.get(neighbour)!.isMine) found.push(extended);
      }
    }
    frontier = next;
  }
  found.sort((a, b) => a.length - b.length || compareIds(a, b));
  return found.slice(0, k).map((p) => p.toReversed());
}

test('paths equal an independent breadth-first search on a generated graph, over the records the caller may read', async () => {
  const random = seeded(20261205);
  const owner = () => (random() < 0.25 ? probeId : t.adminId);
  const accounts = await bulkCreate('accounts', Array.from({ length: 30 }, (_, i) => ({ name: `Graph account ${i}`, ownerId: owner() })));
  const contacts = await bulkCreate('contacts', Array.from({ length: 30 }, (_, i) => ({ name: `Graph contact ${i}`, ownerId: owner() })));
  const nodes = new Map<string, GraphNode>();
  for (const a of accounts) nodes.set(a.id, { id: a.id, object: 'accounts', isMine: a.ownerId === probeId, isVisible: true });
  // The probe reads every account, but only the contacts it owns.
  for (const c of contacts) nodes.set(c.id, { id: c.id, object: 'contacts', isMine: c.ownerId === probeId, isVisible: c.ownerId === probeId });
  const all = [...nodes.values()];
  const adjacency = new Map<string, Set<string>>();
  const edges: Record<string, unknown>[] = [];
  while (edges.length < 90) {
    const from = all[Math.floor(random() * all.length)];
    const to = all[Math.floor(random() * all.length)];
    if (from.id === to.id) continue;
    edges.push(relate(from, to, { strength: 1 + Math.floor(random() * 5) }));
    for (const [x, y] of [[from.id, to.id], [to.id, from.id]]) adjacency.set(x, (adjacency.get(x) ?? new Set()).add(y));
  }
  await bulkCreate('relationships', edges);

  let nonTrivial = 0;
  for (const [index, target] of all.filter((n) => n.isVisible).entries()) {
    const k = 1 + (index % 5);
    const depth = 1 + (index % 4);
    const reply = await asProbe(`/api/v1/network/paths?targetObject=${target.object}&targetId=${target.id}&k=${k}&depth=${depth}`);
    assert.equal(reply.status, 200, reply.text);
    const actual = reply.body.data.map((p: any) => p.nodes.map((n: any) => n.id));
    assert.deepEqual(actual, expectedPaths(nodes, adjacency, target.id, k, depth), `target ${index} (k ${k}, depth ${depth})`);
    for (const path of reply.body.data) {
      assert.equal(path.edges.length, path.nodes.length - 1);
      assert.ok(path.nodes[0].isMine);
      if (path.nodes.length > 2) nonTrivial++;
    }
  }
  assert.ok(nonTrivial > 5, `the generated graph has paths of several hops (${nonTrivial})`);
  // An unreadable target answers like a missing one.
  const hidden = all.find((n) => !n.isVisible)!;
  assert.equal((await asProbe(`/api/v1/network/paths?targetObject=contacts&targetId=${hidden.id}`)).status, 404);
});

const node = (r: any, object: string) => ({ object, id: r.id });

test('a path never passes through a record the caller cannot read, and hidden fields never appear', async () => {
  const mine = await t.create('accounts', { name: 'Probe home', ownerId: probeId });
  const target = await t.create('accounts', { name: 'Target corp 目标公司' });
  // The short way runs through a contact the probe cannot read.
  const secretContact = await t.create('contacts', { name: 'Invisible broker 隐形中介', title: SECRET_TITLE });
  const b = await t.create('accounts', { name: 'Bridge one' });
  const c = await t.create('contacts', { name: 'Bridge two', title: SECRET_TITLE, ownerId: probeId });
  const via = [
    relate(node(mine, 'accounts'), node(secretContact, 'contacts'), { strength: 5 }),
    relate(node(secretContact, 'contacts'), node(target, 'accounts'), { strength: 5 }),
    relate(node(b, 'accounts'), node(target, 'accounts'), { note: SECRET_NOTE, typeId: typeIds.supplier }),
    relate(node(c, 'contacts'), node(b, 'accounts'), { note: SECRET_NOTE, typeId: typeIds.formerColleague }),
  ];
  for (const body of via) await t.create('relationships', body);

  const asAdmin = await t.api('GET', `/api/v1/network/paths?targetObject=accounts&targetId=${target.id}`);
  assert.equal(asAdmin.status, 200);
  const reply = await asProbe(`/api/v1/network/paths?targetObject=accounts&targetId=${target.id}&k=5`);
  assert.equal(reply.status, 200, reply.text);
  assert.ok(reply.body.data.length >= 1);
  for (const path of reply.body.data) assert.ok(!path.nodes.some((n: any) => n.id === secretContact.id));
  assert.deepEqual(reply.body.data[0].nodes.map((n: any) => n.id), [c.id, b.id, target.id]);
  assert.deepEqual(reply.body.data[0].edges.map((e: any) => e.typeId), [typeIds.formerColleague, typeIds.supplier]);

  const neighbours = await asProbe(`/api/v1/network/accounts/${target.id}/neighbors`);
  assert.equal(neighbours.status, 200);
  assert.deepEqual(neighbours.body.nodes.map((n: any) => n.id), [b.id]);
  assert.equal(neighbours.body.edges.length, 1);
  const filtered = await asProbe(`/api/v1/network/accounts/${target.id}/neighbors?types=${typeIds.friend}`);
  assert.equal(filtered.body.edges.length, 0);
  assert.equal((await asProbe(`/api/v1/network/contacts/${secretContact.id}/neighbors`)).status, 404);

  for (const text of [reply.text, neighbours.text, (await asProbe(`/api/v1/network/contacts/${c.id}/neighbors`)).text]) {
    assert.ok(!text.includes(SECRET_NOTE), 'a hidden relationship note never appears');
    assert.ok(!text.includes(SECRET_TITLE), "a hidden contact's job title never appears");
    assert.ok(!text.includes('Invisible broker'), 'an unreadable record never appears');
    assert.ok(!text.includes('"note"'));
  }
});

test('k, depth, the target and the type filter are validated as problems', async () => {
  const target = await t.create('accounts', { name: 'Validation target' });
  const base = `/api/v1/network/paths?targetObject=accounts&targetId=${target.id}`;
  for (const query of ['&k=0', '&k=6', '&k=two', '&depth=0', '&depth=5', '&types=nope', '&extra=1']) {
    const reply = await asProbe(base + query);
    assert.equal(reply.status, 400, query);
    assert.match(String(reply.headers['content-type']), /application\/problem\+json/, query);
  }
  for (const url of ['/api/v1/network/paths?targetObject=leads&targetId=' + target.id, '/api/v1/network/paths?targetObject=accounts&targetId=x', '/api/v1/network/paths']) {
    assert.equal((await asProbe(url)).status, 400, url);
  }
  assert.equal((await asProbe('/api/v1/network/paths?targetObject=accounts&targetId=01900000-0000-7000-8000-000000000000')).status, 404);
  assert.equal((await asProbe('/api/v1/network/accounts/not-an-id/neighbors')).status, 404);
  assert.equal((await asProbe('/api/v1/network/leads/01900000-0000-7000-8000-000000000000/neighbors')).status, 400);
  const ok = await asProbe(`${base}&k=5&depth=4`);
  assert.equal(ok.status, 200);
});

test('the org chart of an account follows reportsTo among the contacts the caller may read', async () => {
  const account = await t.create('accounts', { name: 'Org chart corp', ownerId: probeId });
  const ceo = await t.create('contacts', { name: 'CEO 总经理', accountId: account.id, ownerId: probeId });
  const cto = await t.create('contacts', { name: 'CTO 技术总监', accountId: account.id, reportsToId: ceo.id, ownerId: probeId });
  const hidden = await t.create('contacts', { name: 'Hidden manager', accountId: account.id });
  const dev = await t.create('contacts', { name: 'Developer 工程师', accountId: account.id, reportsToId: hidden.id, ownerId: probeId });
  const self = await t.api('PATCH', `/api/v1/contacts/${ceo.id}`, { reportsToId: ceo.id });
  assert.equal(self.status, 400);
  const chart = await asProbe(`/api/v1/network/accounts/${account.id}/org-chart`);
  assert.equal(chart.status, 200, chart.text);
  const byId = new Map(chart.body.data.map((c: any) => [c.id, c]));
  assert.equal(byId.size, 3);
  assert.equal((byId.get(cto.id) as any).reportsToId, ceo.id);
  assert.equal((byId.get(dev.id) as any).reportsToId, null, 'a manager the caller cannot read is not named');
  assert.ok(!chart.text.includes('Hidden manager'));
  assert.equal((await asProbe('/api/v1/network/accounts/01900000-0000-7000-8000-000000000000/org-chart')).status, 404);
});

test('a role that may not see where relationships lead gets no neighbours and no paths, never an error', async () => {
  const role = await t.api('POST', '/api/v1/admin/roles', {
    key: 'network_blind',
    name: { en: 'Network blind', 'zh-CN': '看不到关系端点' },
    permissions: { objects: { accounts: ['read', 'readAll'], '*': ['read'] }, fields: { relationships: { toId: 'hidden', typeId: 'hidden' } } },
  });
  assert.equal(role.status, 201, JSON.stringify(role.body));
  const user = await t.api('POST', '/api/v1/admin/users', { email: 'network-blind@example.com', name: 'Blind', roleId: role.body.id });
  const token = (await createApiKey(t.db, user.body.id, 'blind')).token;
  const get = async (url: string) => {
    const response = await t.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });
    return { status: response.statusCode, body: JSON.parse(response.body) };
  };
  const mine = await t.create('accounts', { name: 'Blind home', ownerId: user.body.id });
  const target = await t.create('accounts', { name: 'Blind target' });
  await t.create('relationships', relate({ object: 'accounts', id: mine.id }, { object: 'accounts', id: target.id }));
  const neighbours = await get(`/api/v1/network/accounts/${target.id}/neighbors`);
  assert.equal(neighbours.status, 200);
  assert.deepEqual([neighbours.body.nodes, neighbours.body.edges], [[], []]);
  const paths = await get(`/api/v1/network/paths?targetObject=accounts&targetId=${target.id}`);
  assert.equal(paths.status, 200);
  assert.deepEqual(paths.body.data, []);
  const byType = await get(`/api/v1/network/paths?targetObject=accounts&targetId=${target.id}&types=${typeIds.peer}`);
  assert.equal(byType.status, 400, 'filtering on a hidden field is refused as everywhere');
});

test('relationships go to the recycle bin with an end and come back with it', async () => {
  const a = await t.create('accounts', { name: 'Bin end A' });
  const b = await t.create('accounts', { name: 'Bin end B' });
  const c = await t.create('contacts', { name: 'Bin end C' });
  const ab = await t.create('relationships', relate({ object: 'accounts', id: a.id }, { object: 'accounts', id: b.id }));
  const ca = await t.create('relationships', relate({ object: 'contacts', id: c.id }, { object: 'accounts', id: a.id }));
  const live = async (id: string) => (await t.api('GET', `/api/v1/relationships/${id}`)).status === 200;
  assert.equal((await t.api('DELETE', `/api/v1/accounts/${a.id}`)).status, 204);
  assert.deepEqual([await live(ab.id), await live(ca.id)], [false, false]);
  assert.equal((await t.api('DELETE', `/api/v1/contacts/${c.id}`)).status, 204);
  assert.equal((await t.api('POST', `/api/v1/accounts/${a.id}/restore`)).status, 200);
  assert.deepEqual([await live(ab.id), await live(ca.id)], [true, false], 'one whose other end is still in the bin stays there');
  assert.equal((await t.api('POST', `/api/v1/contacts/${c.id}/restore`)).status, 200);
  assert.equal(await live(ca.id), false, 'deleted with the account, it is not brought back by the contact');
  const earlier = await t.create('relationships', relate({ object: 'contacts', id: c.id }, { object: 'accounts', id: b.id }));
  assert.equal((await t.api('DELETE', `/api/v1/relationships/${earlier.id}`)).status, 204);
  assert.equal((await t.api('DELETE', `/api/v1/contacts/${c.id}`)).status, 204);
  assert.equal((await t.api('POST', `/api/v1/contacts/${c.id}/restore`)).status, 200);
  assert.equal(await live(earlier.id), false, 'a relationship deleted on its own stays deleted');
});
