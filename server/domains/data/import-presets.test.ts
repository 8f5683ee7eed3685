// The ready-made mappings: a file with the real column titles of Google Contacts, Outlook, Salesforce
// and HubSpot exports is mapped by itself, and its rows read into the right fields in the dry run.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { startTestApp, type TestContext } from '../../testing.ts';
import { executeImport } from './import-runner.ts';

let t: TestContext;

before(async () => {
  t = await startTestApp();
  await t.create('accounts', { name: 'Acme 艾克米', city: '上海' });
});
after(() => t?.close());

const csvOf = (lines: readonly (readonly string[])[]) => Buffer.from(lines.map((cells) => cells.map((c) => (/[",]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',')).join('\r\n') + '\r\n');

async function uploadAndDryRun(object: string, fileName: string, lines: readonly (readonly string[])[]) {
  const uploaded = await t.app.inject({ method: 'POST', url: `/api/v1/${object}/imports?filename=${fileName}`, headers: { authorization: `Bearer ${t.token}`, 'content-type': 'text/csv' }, payload: csvOf(lines) });
  assert.equal(uploaded.statusCode, 201, uploaded.body);
  const body = JSON.parse(uploaded.body);
  const dry = await t.api('POST', `/api/v1/imports/${body.id}/dry-run?locale=en`);
  assert.equal(dry.status, 200, JSON.stringify(dry.body));
  return { id: body.id as string, columns: body.settings.columns as Record<string, string>, dry: dry.body };
}

/** Runs the import and reads back the record it created from row 1. */
async function runAndRead(object: string, id: string) {
  assert.equal((await t.api('POST', `/api/v1/imports/${id}/run`)).status, 202);
  await executeImport({ db: t.db, registry: t.registry }, id);
  const run = (await t.api('GET', `/api/v1/imports/${id}`)).body;
  assert.equal(run.status, 'completed', JSON.stringify(run));
  const [row] = await t.db.rows<{ record_id: string }>(sql`select record_id from import_rows where run_id = ${id} and row_number = 1`);
  return (await t.api('GET', `/api/v1/${object}/${row!.record_id}`)).body;
}

test('presets: the list is offered per object', async () => {
  const reply = await t.api('GET', '/api/v1/contacts/import-presets');
  assert.equal(reply.status, 200, JSON.stringify(reply.body));
  assert.deepEqual(reply.body.data.map((p: { id: string }) => p.id), ['google-contacts', 'outlook-contacts', 'salesforce-contacts', 'hubspot-contacts', 'vcard']);
});

test('Google Contacts: first and last name joined, e-mail, phones, organization and title', async () => {
  const header = ['Name', 'Given Name', 'Additional Name', 'Family Name', 'Birthday', 'Notes', 'E-mail 1 - Type', 'E-mail 1 - Value', 'Phone 1 - Type', 'Phone 1 - Value', 'Phone 2 - Type', 'Phone 2 - Value', 'Organization 1 - Type', 'Organization 1 - Name', 'Organization 1 - Title'];
  const { id, columns, dry } = await uploadAndDryRun('contacts', 'google.csv', [header, ['Ada Lovelace', 'Ada', '', 'Lovelace', '1815-12-10', 'Met at a fair', '* Work', 'ada@example.com', 'Work', '021 6888 0001', 'Mobile', '138 0013 8000', '', 'Acme 艾克米', 'Engineer']]);
  assert.deepEqual(columns, { 'Given Name': 'name', 'Family Name': 'name', 'E-mail 1 - Value': 'email', 'Phone 1 - Value': 'phone', 'Phone 2 - Value': 'mobile', 'Organization 1 - Name': 'accountId', 'Organization 1 - Title': 'title', Birthday: 'birthday', Notes: 'notes' });
  assert.deepEqual(dry.counts, { created: 1, updated: 0, unchanged: 0, skipped: 0, failed: 0 });
  const record = await runAndRead('contacts', id);
  assert.equal(record.name, 'Ada Lovelace');
  assert.equal(record.email, 'ada@example.com');
  assert.equal(record.mobile.e164, '+8613800138000');
  assert.equal(record.title, 'Engineer');
  assert.equal(record.birthday, '1815-12-10');
  assert.ok(record.accountId);
});

test('Outlook: First/Middle/Last Name, E-mail Address, Business Phone, Company', async () => {
  const header = ['Title', 'First Name', 'Middle Name', 'Last Name', 'Suffix', 'Company', 'Department', 'Job Title', 'Business City', 'Business Phone', 'Mobile Phone', 'E-mail Address', 'Notes', '微信'];
  const { columns, dry } = await uploadAndDryRun('contacts', 'outlook.csv', [header, ['Mr.', 'Grace', 'B.', 'Hopper', '', 'Acme 艾克米', 'Navy', 'Admiral', 'Arlington', '+1 703 555 0100', '', 'grace@example.com', '', 'grace_h']]);
  assert.deepEqual(columns, { 'First Name': 'name', 'Middle Name': 'name', 'Last Name': 'name', Company: 'accountId', Department: 'department', 'Job Title': 'title', 'Business City': 'city', 'Business Phone': 'phone', 'Mobile Phone': 'mobile', 'E-mail Address': 'email', Notes: 'notes', 微信: 'wechat' }, 'a column of the file’s own keeps its suggested field');
  assert.deepEqual(dry.counts, { created: 1, updated: 0, unchanged: 0, skipped: 0, failed: 0 });
});

test('Salesforce: Account, Contact and Opportunity reports', async () => {
  const accounts = await uploadAndDryRun('accounts', 'sf-accounts.csv', [
    ['Account ID', 'Account Name', 'Billing City', 'Billing Country', 'Phone', 'Website', 'Industry'],
    ['0015g00000XyZ', 'United Oil & Gas', 'Singapore', 'Singapore', '+65 6555 0100', 'https://uog.example.com', ''],
  ]);
  assert.deepEqual(accounts.columns, { 'Account Name': 'name', 'Billing City': 'city', 'Billing Country': 'country', Phone: 'phone', Website: 'website', Industry: 'industry' });
  assert.deepEqual(accounts.dry.counts, { created: 1, updated: 0, unchanged: 0, skipped: 0, failed: 0 });

  const contacts = await uploadAndDryRun('contacts', 'sf-contacts.csv', [
    ['First Name', 'Last Name', 'Account Name', 'Title', 'Email', 'Phone', 'Mailing City'],
    ['Rose', 'Gonzalez', 'Acme 艾克米', 'SVP, Procurement', 'rose@example.com', '+1 512 555 0101', 'Austin'],
  ]);
  assert.deepEqual(contacts.columns, { 'First Name': 'name', 'Last Name': 'name', 'Account Name': 'accountId', Title: 'title', Email: 'email', Phone: 'phone', 'Mailing City': 'city' });
  assert.deepEqual(contacts.dry.counts, { created: 1, updated: 0, unchanged: 0, skipped: 0, failed: 0 });
  assert.equal((await runAndRead('contacts', contacts.id)).name, 'Rose Gonzalez');

  const deals = await uploadAndDryRun('opportunities', 'sf-opportunities.csv', [
    ['Opportunity Name', 'Account Name', 'Amount', 'Close Date', 'Stage'],
    ['Acme — 500 units', 'Acme 艾克米', '125000', '2026-03-31', 'Prospecting'],
  ]);
  assert.deepEqual(deals.columns, { 'Opportunity Name': 'name', 'Account Name': 'accountId', Amount: 'amount', 'Close Date': 'closeDate', Stage: 'stage' });
  // Salesforce's own stage names are the user's to map, as any pick-list word a file writes its own way.
  assert.deepEqual(deals.dry.unknownOptions, { stage: ['Prospecting'] });
});

test('HubSpot: companies, contacts and deals exports', async () => {
  const companies = await uploadAndDryRun('accounts', 'hubspot-companies.csv', [
    ['Record ID', 'Company name', 'Company owner', 'Phone Number', 'City', 'Country/Region', 'Website URL'],
    ['9001', '北京云海科技', '', '010 6552 9988', '北京', '中国', 'https://yunhai.example.cn'],
  ]);
  assert.deepEqual(companies.columns, { 'Company name': 'name', 'Phone Number': 'phone', City: 'city', 'Country/Region': 'country', 'Website URL': 'website' });
  assert.deepEqual(companies.dry.counts, { created: 1, updated: 0, unchanged: 0, skipped: 0, failed: 0 });

  const contacts = await uploadAndDryRun('contacts', 'hubspot-contacts.csv', [
    ['Record ID', 'First Name', 'Last Name', 'Email', 'Phone Number', 'Job Title', 'Associated Company'],
    ['101', 'Brian', 'Halligan', 'brian@example.com', '+1 617 555 0199', 'CEO', 'Acme 艾克米'],
  ]);
  assert.deepEqual(contacts.columns, { 'First Name': 'name', 'Last Name': 'name', Email: 'email', 'Phone Number': 'phone', 'Job Title': 'title', 'Associated Company': 'accountId' });
  assert.deepEqual(contacts.dry.counts, { created: 1, updated: 0, unchanged: 0, skipped: 0, failed: 0 });

  const deals = await uploadAndDryRun('opportunities', 'hubspot-deals.csv', [
    ['Record ID', 'Deal Name', 'Deal Stage', 'Close Date', 'Amount', 'Pipeline'],
    ['77', '云海 年度合同', 'Appointment Scheduled', '2026-06-30', '80000', 'Sales Pipeline'],
  ]);
  assert.deepEqual(deals.columns, { 'Deal Name': 'name', 'Deal Stage': 'stage', 'Close Date': 'closeDate', Amount: 'amount' });
  assert.deepEqual(deals.dry.unknownOptions, { stage: ['Appointment Scheduled'] });
});
