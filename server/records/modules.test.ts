// The module seam over HTTP with a module defined here: its object gets a table and the API, its
// timeline source shows in timelines, afterWrite writes inside the write's transaction, afterCommit runs
// only after a commit (never after a rollback)
// and its failure is logged without failing the write; read-only fields are written only by the system.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { sql } from 'drizzle-orm';
import { startTestApp, type TestContext } from '../testing.ts';
import { installedModules } from '../domains/index.ts';
import { createRecord, createRecords, defineModule, installModules, systemCaller, updateRecord, type CommittedWrite, type GuardedWrite, type WrittenRecord } from './index.ts';
import { loadRequestContext } from '../platform/access/load-context.ts';
import { Problem } from '../platform/http/problem.ts';

const committed: Array<{ action: string; name: unknown; isVisibleOutside: boolean }> = [];

const gadgets = defineModule({
  name: 'gadgets',
  objects: [
    {
      name: 'gadgets',
      label: { en: 'Gadget', 'zh-CN': '小工具' },
      labelPlural: { en: 'Gadgets', 'zh-CN': '小工具' },
      table: 'gadgets',
      titleField: 'name',
      access: { default: 'private' },
      fields: [
        { name: 'name', type: 'text', label: { en: 'Name', 'zh-CN': '名称' }, isRequired: true },
        { name: 'code', type: 'text', label: { en: 'Code', 'zh-CN': '编码' }, isExternalId: true },
        { name: 'nameLength', type: 'number', label: { en: 'Name length', 'zh-CN': '名称长度' }, isReadOnly: true },
        { name: 'serial', type: 'text', label: { en: 'Serial', 'zh-CN': '序列号' }, isReadOnly: true },
      ],
    },
    {
      name: 'pings',
      label: { en: 'Ping', 'zh-CN': '提醒' },
      labelPlural: { en: 'Pings', 'zh-CN': '提醒' },
      table: 'pings',
      titleField: 'note',
      access: { default: 'private' },
      fields: [
        { name: 'note', type: 'text', label: { en: 'Note', 'zh-CN': '备注' } },
        { name: 'gadgetId', type: 'lookup', target: 'gadgets', label: { en: 'Gadget', 'zh-CN': '小工具' } },
      ],
    },
  ],
  hooks: {
    gadgets: {
      beforeWrite: ({ changes }) => ('name' in changes ? { nameLength: String(changes.name).length } : undefined),
      validate: ({ proposed }) => (proposed.name === 'forbidden' ? [{ field: 'name', code: 'forbidden', message: 'is not allowed' }] : undefined),
      // A follow-up that must not be lost: a ping written in the gadget's own transaction.
      afterWrite: async ({ caller, action, id, record }: WrittenRecord) => {
        if (action !== 'create' || record?.name !== 'with ping') return;
        await createRecord(systemCaller(caller, caller.ctx.userId), 'pings', { note: `ping ${id}`, gadgetId: id });
      },
      afterCommit: async ({ caller, action, id, record, before: previous }: CommittedWrite) => {
        if (record?.name === 'explode') throw new Error('the mail server is down');
        // Read outside the write's transaction: only a committed row is there.
        const rows = await caller.db.rows(sql`select 1 from gadgets where id = ${id}::uuid`);
        committed.push({ action, name: (record ?? previous)?.name, isVisibleOutside: rows.length === 1 });
      },
    },
  },
  timeline: [{ kind: 'ping', object: 'pings', linkFields: (def) => def.fields.filter((f) => f.name === 'gadgetId'), atFields: ['createdAt'] }],
});

// A guard under '*' sees every object's writes: here it freezes gadgets named "frozen" and their pings.
const guarded: string[] = [];
const freezer = defineModule({
  name: 'freezer',
  hooks: {
    '*': {
      guardWrite: async ({ caller, object, action, record }: GuardedWrite) => {
        guarded.push(`${object.name}:${action}`);
        const gadgetId = object.name === 'pings' ? record.gadgetId : object.name === 'gadgets' ? record.id : undefined;
        if (!gadgetId) return;
        const [row] = await caller.db.rows<{ name: string }>(sql`select name from gadgets where id = ${String(gadgetId)}::uuid`);
        if (row?.name === 'frozen') throw new Problem(409, { key: 'detail.409', en: 'The gadget is frozen.', code: 'gadget-frozen' });
      },
    },
  },
});

let t: TestContext;
let logs = '';
const capture = new Writable({
  write(chunk, _encoding, callback) {
    logs += chunk.toString();
    callback();
  },
});

before(async () => {
  t = await startTestApp({ modules: installModules([...installedModules.modules, gadgets, freezer]), logStream: capture });
});
after(() => t.close());

test("a module's object is served, its beforeWrite derives on single, bulk and upsert writes", async () => {
  const one = await t.create('gadgets', { name: 'Widget 挂件' });
  assert.equal(one.nameLength, 9);
  const bulk = await t.api('POST', '/api/v1/gadgets/bulk', { action: 'create', records: [{ name: 'ab' }, { name: 'abc' }] });
  assert.deepEqual(bulk.body.data.map((g: { nameLength: number }) => g.nameLength), [2, 3]);
  const upsert = await t.api('PUT', '/api/v1/gadgets/by/code/G-1', { name: 'abcd' });
  assert.equal(upsert.status, 201);
  assert.equal(upsert.body.nameLength, 4);
  const updated = await t.api('PUT', '/api/v1/gadgets/by/code/G-1', { name: 'abcde' });
  assert.equal(updated.body.nameLength, 5);
});

test('validate errors are a 400 problem with field errors; nothing is written', async () => {
  const r = await t.api('POST', '/api/v1/gadgets', { name: 'forbidden' });
  assert.equal(r.status, 400);
  assert.deepEqual(r.body.errors, [{ field: 'name', code: 'forbidden', message: 'is not allowed' }]);
  const list = await t.api('GET', `/api/v1/gadgets?filter=${encodeURIComponent("name eq 'forbidden'")}`);
  assert.equal(list.body.data.length, 0);
});

test('afterCommit runs once the write is committed, and never for a rolled-back one', async () => {
  committed.length = 0;
  const gadget = await t.create('gadgets', { name: 'committed' });
  await t.api('PATCH', `/api/v1/gadgets/${gadget.id}`, { name: 'renamed' });
  await t.api('DELETE', `/api/v1/gadgets/${gadget.id}`);
  assert.deepEqual(committed, [
    { action: 'create', name: 'committed', isVisibleOutside: true },
    { action: 'update', name: 'renamed', isVisibleOutside: true },
    { action: 'delete', name: 'renamed', isVisibleOutside: true },
  ]);

  committed.length = 0;
  const rolledBack = await t.api('POST', '/api/v1/gadgets/bulk', { action: 'create', records: [{ name: 'first' }, { name: 'forbidden' }] });
  assert.equal(rolledBack.status, 400);
  assert.deepEqual(rolledBack.body.errors.map((e: { field: string }) => e.field), ['records.1.name']);
  assert.equal(committed.length, 0, 'the first record was written inside the bulk transaction, then rolled back');

  const bulk = await t.api('POST', '/api/v1/gadgets/bulk', { action: 'create', records: [{ name: 'x1' }, { name: 'x2' }] });
  assert.equal(bulk.status, 200);
  assert.deepEqual(committed.map((c) => [c.name, c.isVisibleOutside]), [['x1', true], ['x2', true]], 'bulk hooks wait for the whole request');
});

test('afterWrite writes in the same transaction: its rows commit with the record, or roll back with it', async () => {
  const pingsOf = async (name: string) =>
    (await t.db.rows(sql`select p.note from pings p join gadgets g on p.gadget_id = g.id where g.name = ${name}`)).length;
  const gadget = await t.create('gadgets', { name: 'with ping' });
  assert.equal((await t.db.rows(sql`select 1 from pings where gadget_id = ${gadget.id}::uuid`)).length, 1);
  const before = await pingsOf('with ping');
  const rolledBack = await t.api('POST', '/api/v1/gadgets/bulk', { action: 'create', records: [{ name: 'with ping' }, { name: 'forbidden' }] });
  assert.equal(rolledBack.status, 400);
  assert.equal(await pingsOf('with ping'), before, 'the ping of the rolled-back gadget is gone with it');
});

test('a failing afterCommit is logged and the committed write still answers 201', async () => {
  const r = await t.api('POST', '/api/v1/gadgets', { name: 'explode' });
  assert.equal(r.status, 201);
  assert.equal((await t.api('GET', `/api/v1/gadgets/${r.body.id}`)).status, 200);
  assert.match(logs, /an afterCommit hook failed/);
  assert.match(logs, /the mail server is down/);
});

test('read-only fields: a user caller can never write them, systemCaller can', async () => {
  const refused = await t.api('POST', '/api/v1/gadgets', { name: 'serialised', serial: 'SN-1' });
  assert.equal(refused.status, 400);
  assert.deepEqual(refused.body.errors.map((e: { field: string; code: string }) => [e.field, e.code]), [['serial', 'read_only']]);
  const gadget = await t.create('gadgets', { name: 'serialised' });
  assert.deepEqual((await t.api('PATCH', `/api/v1/gadgets/${gadget.id}`, { serial: 'SN-1' })).body.errors[0].code, 'read_only');

  const made = await createRecord(systemCaller(t, t.adminId), 'gadgets', { name: 'by the system', serial: 'SN-2' });
  const read = await t.api('GET', `/api/v1/gadgets/${made.id}`);
  assert.equal(read.body.serial, 'SN-2');
  assert.equal(read.body.createdBy, t.adminId);
});

test("a module's timeline source adds its records to the linked record's timeline", async () => {
  const gadget = await t.create('gadgets', { name: 'pinged' });
  const ping = await t.create('pings', { note: 'look at this', gadgetId: gadget.id });
  await t.create('pings', { note: 'unrelated' });
  const timeline = await t.api('GET', `/api/v1/gadgets/${gadget.id}/timeline`);
  assert.equal(timeline.status, 200);
  const pings = timeline.body.data.filter((e: { kind: string }) => e.kind === 'ping');
  assert.deepEqual(pings.map((e: { id: string; ping: { note: string } }) => [e.id, e.ping.note]), [[ping.id, 'look at this']]);
  assert.ok(timeline.body.data.some((e: { kind: string }) => e.kind === 'change'));
});

test("a write guard under '*' refuses users' updates, deletes, restores and child writes with its own code; the system passes", async () => {
  const gadget = await t.create('gadgets', { name: 'cold' });
  const ping = await t.create('pings', { note: 'before', gadgetId: gadget.id });
  assert.equal((await t.api('PATCH', `/api/v1/gadgets/${gadget.id}`, { name: 'frozen' })).status, 200);
  guarded.length = 0;
  const update = await t.api('PATCH', `/api/v1/gadgets/${gadget.id}`, { name: 'thawed' });
  assert.equal(update.status, 409);
  assert.equal(update.body.code, 'gadget-frozen');
  assert.equal(update.body.detail, 'The gadget is frozen.');
  assert.equal((await t.api('DELETE', `/api/v1/gadgets/${gadget.id}`)).body.code, 'gadget-frozen');
  assert.equal((await t.api('PATCH', `/api/v1/pings/${ping.id}`, { note: 'after' })).status, 409, 'a record linked to the frozen one');
  assert.equal((await t.api('POST', '/api/v1/pings', { note: 'new', gadgetId: gadget.id })).status, 409, 'a create is guarded too');
  const bulk = await t.api('POST', '/api/v1/gadgets/bulk', { action: 'delete', ids: [gadget.id] });
  assert.equal(bulk.status, 409, 'bulk writes pass the same guard');
  assert.ok(guarded.includes('gadgets:update') && guarded.includes('gadgets:delete') && guarded.includes('pings:create'));
  // A batch create (imports) refuses the guarded row only.
  const admin = { db: t.db, registry: t.registry, ctx: (await loadRequestContext(t.db, t.adminId))! };
  const open = await t.create('gadgets', { name: 'open' });
  const batch = await createRecords(admin, 'pings', [{ note: 'onto frozen', gadgetId: gadget.id }, { note: 'onto open', gadgetId: open.id }]);
  const [refused, written] = batch;
  assert.ok(refused && 'error' in refused && written && 'record' in written);
  assert.equal(refused.error.detail.code, 'gadget-frozen');
  assert.equal(written.record.note, 'onto open');
  assert.equal((await t.api('GET', `/api/v1/gadgets/${gadget.id}`)).body.name, 'frozen', 'nothing was written');

  const bySystem = await updateRecord(systemCaller(t, t.adminId), 'gadgets', gadget.id, { name: 'thawed' });
  assert.equal(bySystem.name, 'thawed', "the system's own writes are not guarded");
  assert.equal((await t.api('DELETE', `/api/v1/gadgets/${gadget.id}`)).status, 204);
  const other = await t.create('gadgets', { name: 'warm' });
  assert.equal((await t.api('PATCH', `/api/v1/gadgets/${other.id}`, { name: 'still warm' })).status, 200);
});
