// The browser's check of a form gives the server's answer: same fields, codes and words, because both
// read the one JSON Schema the API publishes (the server with Ajv, the browser with TypeBox).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Problem } from '../../../server/platform/http/problem.ts';
import { accounts } from '../../../server/objects/accounts.ts';
import { opportunities } from '../../../server/objects/opportunities.ts';
import type { ObjectDefinition } from '../../../server/records/types.ts';
import { validateBody, writeSchema, type WriteMode } from '../../../server/records/validation.ts';
import { checkBody } from './schema-check.ts';
import { wordFieldError } from '../../../server/platform/i18n/index.ts';

function serverErrors(def: ObjectDefinition, body: Record<string, unknown>, mode: WriteMode) {
  try {
    validateBody(def, body, mode);
    return [];
  } catch (error) {
    assert.ok(error instanceof Problem);
    return (error.errors ?? []).map((e) => ({ field: e.field, code: e.code, en: wordFieldError('en', e), zh: wordFieldError('zh-CN', e) }));
  }
}

const bodies: Array<[ObjectDefinition, WriteMode, Record<string, unknown>]> = [
  [accounts, 'create', {}],
  [accounts, 'create', { name: 'x'.repeat(300), email: 'not an address', website: 'no url', rating: 'Z', employees: 'many' }],
  [accounts, 'update', { name: null, city: 'c'.repeat(101), annualRevenue: '12.345678', tags: 'vip' }],
  [accounts, 'update', { annualRevenue: { amount: 'ten', currency: 'CNY' }, parentAccountId: 'not-an-id' }],
  [opportunities, 'create', { name: '单', closeDate: '2026-13-45', probability: 170 }],
  [accounts, 'update', { name: '好名字', email: 'ok@example.com', rating: 'A' }],
];

const byField = (list: Array<{ field: string }>) => list.toSorted((a, b) => a.field.localeCompare(b.field));

test('the browser finds the same field errors as the server, worded the same', () => {
  for (const [def, mode, body] of bodies) {
    const browser = checkBody(writeSchema(def, mode), body).map((e) => ({ field: e.field, code: e.code, en: wordFieldError('en', e), zh: wordFieldError('zh-CN', e) }));
    assert.deepEqual(byField(browser), byField(serverErrors(def, body, mode)), JSON.stringify(body));
  }
});
