// Ready-made mappings for the files other systems export: Google Contacts, Outlook, Salesforce,
// HubSpot, and the table a vCard file is read into. They are code, not saved rows: each names the
// columns that tell its file apart (all must be in the header) and the field every known column fills.
// Several columns mapped to one text field (first and last name) are joined by a space, in file order.
import { assertObjectAction } from '../../platform/access/index.ts';
import type { Caller } from '../../records/index.ts';
import type { ImportSettings } from './import-settings.ts';
import { defaultSettings } from './import-settings.ts';
import { vcardColumns } from './vcard-read.ts';
import type { ImportPreset } from './import-shape.ts';

export type { ImportPreset } from './import-shape.ts';

const googleContacts: ImportPreset = {
  id: 'google-contacts',
  object: 'contacts',
  name: { en: 'Google Contacts (CSV)', 'zh-CN': '谷歌通讯录（CSV）' },
  signature: ['Given Name', 'Family Name', 'E-mail 1 - Value'],
  columns: {
    'Given Name': 'name',
    'Family Name': 'name',
    'E-mail 1 - Value': 'email',
    'Phone 1 - Value': 'phone',
    'Phone 2 - Value': 'mobile',
    'Organization 1 - Name': 'accountId',
    'Organization 1 - Title': 'title',
    'Organization 1 - Department': 'department',
    'Address 1 - City': 'city',
    Birthday: 'birthday',
    Notes: 'notes',
  },
};

const outlookContacts: ImportPreset = {
  id: 'outlook-contacts',
  object: 'contacts',
  name: { en: 'Outlook contacts (CSV)', 'zh-CN': 'Outlook联系人（CSV）' },
  signature: ['First Name', 'Last Name', 'E-mail Address', 'Business Phone'],
  columns: {
    'First Name': 'name',
    'Middle Name': 'name',
    'Last Name': 'name',
    'E-mail Address': 'email',
    'Business Phone': 'phone',
    'Mobile Phone': 'mobile',
    Company: 'accountId',
    'Job Title': 'title',
    Department: 'department',
    'Business City': 'city',
    Birthday: 'birthday',
    Notes: 'notes',
  },
};

const salesforceAccounts: ImportPreset = {
  id: 'salesforce-accounts',
  object: 'accounts',
  name: { en: 'Salesforce accounts', 'zh-CN': 'Salesforce客户' },
  signature: ['Account Name', 'Billing City'],
  columns: {
    'Account Name': 'name',
    'Billing City': 'city',
    'Billing State/Province': 'province',
    'Billing Country': 'country',
    Phone: 'phone',
    Website: 'website',
    Industry: 'industry',
    Employees: 'employees',
    Description: 'description',
  },
};

const salesforceContacts: ImportPreset = {
  id: 'salesforce-contacts',
  object: 'contacts',
  name: { en: 'Salesforce contacts', 'zh-CN': 'Salesforce联系人' },
  signature: ['First Name', 'Last Name', 'Account Name', 'Email'],
  columns: {
    'First Name': 'name',
    'Last Name': 'name',
    'Account Name': 'accountId',
    Title: 'title',
    Department: 'department',
    Email: 'email',
    Phone: 'phone',
    Mobile: 'mobile',
    'Mailing City': 'city',
    Birthdate: 'birthday',
    Description: 'notes',
  },
};

const salesforceOpportunities: ImportPreset = {
  id: 'salesforce-opportunities',
  object: 'opportunities',
  name: { en: 'Salesforce opportunities', 'zh-CN': 'Salesforce商机' },
  signature: ['Opportunity Name', 'Stage', 'Close Date'],
  columns: {
    'Opportunity Name': 'name',
    'Account Name': 'accountId',
    Amount: 'amount',
    'Close Date': 'closeDate',
    Stage: 'stage',
    Probability: 'probability',
    Description: 'description',
  },
};

const hubspotCompanies: ImportPreset = {
  id: 'hubspot-companies',
  object: 'accounts',
  name: { en: 'HubSpot companies', 'zh-CN': 'HubSpot公司' },
  signature: ['Company name'],
  columns: {
    'Company name': 'name',
    'Phone Number': 'phone',
    'Website URL': 'website',
    City: 'city',
    'State/Region': 'province',
    'Country/Region': 'country',
    Industry: 'industry',
    'Number of Employees': 'employees',
    Description: 'description',
  },
};

const hubspotContacts: ImportPreset = {
  id: 'hubspot-contacts',
  object: 'contacts',
  name: { en: 'HubSpot contacts', 'zh-CN': 'HubSpot联系人' },
  signature: ['First Name', 'Last Name', 'Email', 'Phone Number'],
  columns: {
    'First Name': 'name',
    'Last Name': 'name',
    Email: 'email',
    'Phone Number': 'phone',
    'Mobile Phone Number': 'mobile',
    'Job Title': 'title',
    'Associated Company': 'accountId',
    City: 'city',
  },
};

const hubspotDeals: ImportPreset = {
  id: 'hubspot-deals',
  object: 'opportunities',
  name: { en: 'HubSpot deals', 'zh-CN': 'HubSpot交易' },
  signature: ['Deal Name', 'Deal Stage'],
  columns: {
    'Deal Name': 'name',
    Amount: 'amount',
    'Close Date': 'closeDate',
    'Deal Stage': 'stage',
    'Associated Company': 'accountId',
    'Deal Description': 'description',
    // HubSpot's pipeline names ("Sales Pipeline") are not ours: the deals go to the default pipeline.
    Pipeline: '',
  },
};

const vcardContacts: ImportPreset = {
  id: 'vcard',
  object: 'contacts',
  name: { en: 'vCard (.vcf)', 'zh-CN': '电子名片（.vcf）' },
  signature: [vcardColumns.name, vcardColumns.email, vcardColumns.phone],
  columns: {
    [vcardColumns.name]: 'name',
    [vcardColumns.email]: 'email',
    [vcardColumns.phone]: 'phone',
    [vcardColumns.mobile]: 'mobile',
    [vcardColumns.organization]: 'accountId',
    [vcardColumns.department]: 'department',
    [vcardColumns.title]: 'title',
    [vcardColumns.city]: 'city',
    [vcardColumns.birthday]: 'birthday',
    [vcardColumns.note]: 'notes',
  },
};

/** Every ready-made mapping. The most specific of a shape comes first (Salesforce contacts before HubSpot's). */
export const importPresets: readonly ImportPreset[] = [
  googleContacts, outlookContacts, salesforceAccounts, salesforceContacts, salesforceOpportunities,
  hubspotCompanies, hubspotContacts, hubspotDeals, vcardContacts,
];

/**
 * The preset's settings for a file: its columns found in the header, which the caller may fill; the
 * file's other columns keep the mapping suggested for them, unless their field is already filled.
 */
export function presetSettings(preset: ImportPreset, header: readonly string[], fieldNames: ReadonlySet<string>, suggested: Readonly<Record<string, string>> = {}): ImportSettings {
  const columns = Object.fromEntries(Object.entries(preset.columns).filter(([title, field]) => header.includes(title) && fieldNames.has(field)));
  const taken = new Set(Object.values(columns));
  for (const [title, field] of Object.entries(suggested)) {
    if (!(title in preset.columns) && !taken.has(field)) columns[title] = field;
  }
  return defaultSettings(columns);
}

/** The ready-made mapping of the object whose every signature column is in the header, if any. */
export function presetForHeader(objectName: string, header: readonly string[]): ImportPreset | undefined {
  return importPresets.find((p) => p.object === objectName && p.signature.every((title) => header.includes(title)));
}

/** The object's ready-made mappings, for whoever may import into it. */
export function listPresets(c: Caller, objectName: string): { data: ImportPreset[] } {
  assertObjectAction(c.ctx, c.registry.get(objectName), 'import');
  return { data: importPresets.filter((p) => p.object === objectName) };
}
