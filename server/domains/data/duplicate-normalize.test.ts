import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bigramSimilarity, normalizeCompanyName, normalizeEmail, normalizePersonName, normalizePhone } from './duplicate-normalize.ts';
import { judge } from './duplicate-match.ts';
import type { DuplicateRule } from './duplicate-rules.ts';

const companyRule: DuplicateRule = { id: 'r', name: 'company', objectName: 'accounts', field: 'name', method: 'companyName', threshold: 0.6 };

test('Chinese company names lose legal form, organisational suffix and place of registration', () => {
  assert.equal(normalizeCompanyName('北京星空在线文化传播有限公司'), '星空在线文化传播');
  assert.equal(normalizeCompanyName('星空在线文化传播(北京)有限公司'), '星空在线文化传播');
  assert.equal(normalizeCompanyName('星空在线文化传播（北京）有限公司'), '星空在线文化传播');
  assert.equal(normalizeCompanyName('北京市星空在线文化传播有限责任公司'), '星空在线文化传播');
  assert.equal(normalizeCompanyName('星空在线文化传播股份有限公司'), '星空在线文化传播');
  assert.equal(normalizeCompanyName('星空在线集团'), '星空在线');
  assert.equal(normalizeCompanyName('星空在线文化传播有限公司上海分公司'), '星空在线文化传播');
  assert.equal(normalizeCompanyName('广东省深圳市腾飞科技有限公司'), '腾飞科技');
  assert.equal(normalizeCompanyName(' 星空在线 '), '星空在线');
});

test('a name that is only a place or a suffix keeps something to compare', () => {
  assert.equal(normalizeCompanyName('北京'), '北京');
  assert.ok(normalizeCompanyName('有限公司').length > 0);
});

test('Latin company names lose their legal-form words, case and punctuation', () => {
  assert.equal(normalizeCompanyName('Acme Corp.'), 'acme');
  assert.equal(normalizeCompanyName('ACME, Inc'), 'acme');
  assert.equal(normalizeCompanyName('Ａｃｍｅ Trading Co., Ltd.'), 'acme trading');
  assert.equal(normalizeCompanyName('Group'), 'group');
});

test('the same company spelled two ways is a strong match; a shorter name inside a longer one only a weak one', () => {
  assert.equal(judge(companyRule, '北京星空在线文化传播有限公司', '星空在线文化传播(北京)有限公司')?.strength, 'strong');
  assert.equal(judge(companyRule, '星空在线', '星空在线文化')?.strength, 'weak');
  assert.equal(judge(companyRule, '北京星空在线', '上海星空在线文化有限公司')?.strength, 'weak');
  assert.equal(judge(companyRule, '星空在线', '蓝海物流'), undefined);
});

test('e-mails and phone numbers compare in their stored form', () => {
  assert.equal(normalizeEmail('  Li.Lei@Example.COM '), 'li.lei@example.com');
  assert.equal(normalizePhone('138 0013 8000', 'CN'), '+8613800138000');
  assert.equal(normalizePhone('+86 138-0013-8000', 'CN'), '+8613800138000');
  assert.equal(normalizePhone('12', 'CN'), '');
});

test('person names ignore case, accents and word order', () => {
  assert.equal(normalizePersonName('Zoë  SMITH'), 'smith zoe');
  assert.equal(normalizePersonName('Smith, Zoe'), 'smith zoe');
  assert.equal(normalizePersonName('王 小明'), '王小明');
});

test('bigram similarity is 1 for equal texts and 0 for nothing shared', () => {
  assert.equal(bigramSimilarity('星空在线', '星空在线'), 1);
  assert.equal(bigramSimilarity('星空在线', '蓝海物流'), 0);
  assert.ok(bigramSimilarity('星空在线文化', '星空在线传媒') > 0.5);
});
