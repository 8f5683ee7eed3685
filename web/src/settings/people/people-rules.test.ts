// The people screens' pure rules: the team tree's order and depth, the parents a team may move under,
// and permission edits in the API's shape.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { selfAndBelow, teamPath, teamTree } from './team-tree.ts';
import { actionsOf, fieldAccessOf, isListed, toApiPermissions, withAction, withDefaultActions, withFieldAccess } from './permissions.ts';

const teams = [
  { id: 'b', name: '销售二部', parentId: 's' },
  { id: 's', name: '销售中心', parentId: null },
  { id: 'a', name: '销售一部', parentId: 's' },
  { id: 'e', name: '华东组', parentId: 'a' },
  { id: 'm', name: '市场部', parentId: null },
  { id: 'x', name: 'Orphan', parentId: 'gone' },
];

test('the team tree puts parents before their children, siblings by name (pinyin order), with their depth', () => {
  const tree = teamTree(teams);
  assert.deepEqual(
    tree.map((team) => `${team.depth}:${team.id}`),
    ['0:m', '0:s', '1:b', '1:a', '2:e', '0:x'],
  );
});

test('a team cannot move under itself or a team below it', () => {
  assert.deepEqual([...selfAndBelow(teams, 's')].toSorted(), ['a', 'b', 'e', 's']);
  assert.deepEqual([...selfAndBelow(teams, 'm')], ['m']);
  assert.equal(teamPath(teams, 'e'), '销售中心 › 销售一部 › 华东组');
});

test('a loop in the data does not hang the tree', () => {
  const looped = [
    { id: '1', name: 'one', parentId: '2' },
    { id: '2', name: 'two', parentId: '1' },
  ];
  assert.deepEqual(teamTree(looped), []);
  assert.deepEqual([...selfAndBelow(looped, '1')].toSorted(), ['1', '2']);
});

test('ticking an action gives the object its own row, in the API order; reset makes it follow * again', () => {
  const base = { objects: { '*': ['read'] } };
  assert.deepEqual(actionsOf(base, 'accounts'), ['read']);
  assert.equal(isListed(base, 'accounts'), false);
  const ticked = withAction(withAction(base, 'accounts', 'edit', true), 'accounts', 'create', true);
  assert.deepEqual(ticked.objects.accounts, ['read', 'create', 'edit']);
  assert.deepEqual(withAction(ticked, 'accounts', 'read', false).objects.accounts, ['create', 'edit']);
  assert.deepEqual(withDefaultActions(ticked, 'accounts'), base);
});

test('field access: editable carries no restriction; isAdmin never goes back to the server', () => {
  const base = { isAdmin: true, objects: {}, fields: { accounts: { annualRevenue: 'hidden' as const } } };
  const readOnlyCity = withFieldAccess(base, 'accounts', 'city', 'readOnly');
  assert.equal(fieldAccessOf(readOnlyCity, 'accounts', 'city'), 'readOnly');
  assert.equal(fieldAccessOf(readOnlyCity, 'accounts', 'name'), 'editable');
  const cleared = withFieldAccess(withFieldAccess(readOnlyCity, 'accounts', 'city', 'editable'), 'accounts', 'annualRevenue', 'editable');
  assert.deepEqual(cleared.fields, {});
  assert.deepEqual(toApiPermissions(readOnlyCity), { objects: {}, fields: { accounts: { annualRevenue: 'hidden', city: 'readOnly' } } });
});
