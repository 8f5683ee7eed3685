// Rows for the benchmark database, built directly as table columns (what the records engine would
// store for the same API values), with the same search tokens the engine computes on write.
import { categoryOfStage } from '../server/domains/sales/forecast-figures.ts';
import { codecOf, recordSearchTokens, toColumnName, type ObjectDefinition } from '../server/records/index.ts';
import {
  activitySubject, chineseCities, chinesePerson, dealTopics, departments, englishCities, englishPerson, industryCodes,
  jobTitles, landline, makeCompany, mobile, Random,
} from '../server/demo/names.ts';
import {
  accountRatingWeights, accountTags, accountTypeWeights, activityTypeWeights, currencyOf, employeeCounts, lossReasons,
  opportunitySources, pastActivityStatusWeights, stageProbability, stageWeights,
} from '../server/demo/distributions.ts';

export type Row = Record<string, unknown>;
const DAY_MS = 86_400_000;

/** A UUIDv7 for a given time, its random bits from the generator (deterministic for a seed). */
export function uuid7(ms: number, r: Random): string {
  const time = Math.floor(ms).toString(16).padStart(12, '0');
  const hex = (n: number) => Math.floor(r.next() * 16 ** n).toString(16).padStart(n, '0');
  const variant = (8 + r.int(0, 3)).toString(16);
  return `${time.slice(0, 8)}-${time.slice(8)}-7${hex(3)}-${variant}${hex(3)}-${hex(6)}${hex(6)}`;
}

/** E.164 form of the phone numbers names.ts produces (what the phone codec stores). */
export function e164(original: string): string {
  const digits = original.replace(/\D/g, '');
  return original.startsWith('+') ? `+${digits}` : `+86${digits.replace(/^0/, '')}`;
}

/** Search tokens exactly as the records engine derives them from a row's searchable columns. */
export function tokensOf(def: ObjectDefinition, row: Row): string[] {
  return recordSearchTokens(def, (field) => {
    const column = toColumnName(field.name);
    const extra = codecOf(field).extraColumn;
    return extra ? [row[column] ?? null, row[column + extra.suffix] ?? null] : (row[column] ?? null);
  });
}

const cityOf = (r: Random) => (r.chance(0.65) ? r.pick(chineseCities) : r.pick(englishCities));

/** What later tables need to know about earlier ones, kept compactly in memory. */
export class Universe {
  readonly r: Random;
  readonly ids = new Random(0x5eed);
  readonly start: number;
  readonly span: number;
  accountIds: string[] = [];
  accountNames: string[] = [];
  accountDomains: string[] = [];
  accountChinese = new Uint8Array(0);
  contactIds: string[] = [];
  contactNames: string[] = [];
  contactAccount = new Int32Array(0);
  opportunityIds: string[] = [];
  opportunityContact = new Int32Array(0);
  /** The default pipeline and its stage ids by standard stage, so deals are written already placed in it. */
  pipeline: { id: string; stageIds: Record<string, string> } | undefined;

  readonly owners: string[];
  readonly now: number;

  constructor(seed: number, owners: string[], now: number, years = 3) {
    this.owners = owners;
    this.now = now;
    this.r = new Random(seed);
    this.span = years * 365 * DAY_MS;
    this.start = now - this.span;
  }

  /** System columns for row i of n: created over the past years in order, owned by a team member. */
  system(i: number, n: number): Row {
    const created = this.start + Math.floor(((i + this.r.next()) / n) * this.span);
    const ownerId = this.owners[this.r.int(0, this.owners.length - 1)]!;
    const updated = Math.min(this.now, created + this.r.int(0, 90) * DAY_MS);
    return {
      id: uuid7(created, this.ids),
      version: updated === created ? 1 : this.r.int(2, 6),
      owner_id: ownerId,
      created_at: new Date(created).toISOString(),
      updated_at: new Date(updated).toISOString(),
      created_by: ownerId,
      updated_by: ownerId,
    };
  }
}

export function accountRow(u: Universe, i: number, n: number): Row {
  const { r } = u;
  const city = cityOf(r);
  const company = makeCompany(r, city, r.pick(industryCodes));
  const phone = company.phone;
  const row: Row = {
    ...u.system(i, n),
    name: company.name,
    type: r.weighted(accountTypeWeights),
    industry: company.industry,
    rating: r.weighted(accountRatingWeights),
    phone: e164(phone),
    phone_original: phone,
    email: company.email,
    website: company.website,
    city: city.city,
    province: city.province,
    country: city.country,
    address: company.address,
    employees: r.pick(employeeCounts) + r.int(0, 19),
    annual_revenue: `${r.int(5, 5000) * 100_000}.0000`,
    annual_revenue_currency: currencyOf(city),
    tags: r.chance(0.2) ? [r.pick(city.isChinese ? accountTags.zh : accountTags.en)] : [],
  };
  u.accountIds[i] = row.id as string;
  u.accountNames[i] = company.name;
  u.accountDomains[i] = company.domain;
  u.accountChinese[i] = city.isChinese ? 1 : 0;
  return row;
}

/** A contact; `links` receives its junction rows (the primary account, sometimes a second one). */
export function contactRow(u: Universe, i: number, n: number, links: Row[]): Row {
  const { r } = u;
  const accounts = u.accountIds.length;
  const account = i < accounts ? i : r.int(0, accounts - 1);
  const isChinese = u.accountChinese[account] === 1;
  const city = isChinese ? r.pick(chineseCities) : r.pick(englishCities);
  const person = isChinese ? chinesePerson(r) : englishPerson(r);
  const [titleZh, titleEn, dept] = r.pick(jobTitles);
  const phone = landline(r, city);
  const cell = mobile(r, city);
  const row: Row = {
    ...u.system(i, n),
    name: person.name,
    account_id: u.accountIds[account],
    title: isChinese ? titleZh : titleEn,
    department: departments[dept]![isChinese ? 0 : 1],
    email: `${person.handle}@${u.accountDomains[account]}`,
    phone: e164(phone),
    phone_original: phone,
    mobile: e164(cell),
    mobile_original: cell,
    wechat: isChinese && r.chance(0.6) ? `wx_${person.handle.replace('.', '_')}${r.digits(3)}` : null,
    city: city.city,
  };
  links.push({ record_id: row.id, target_id: u.accountIds[account] });
  const second = r.chance(0.1) ? r.int(0, accounts - 1) : account;
  if (second !== account) links.push({ record_id: row.id, target_id: u.accountIds[second] });
  u.contactIds[i] = row.id as string;
  u.contactNames[i] = person.name;
  u.contactAccount[i] = account;
  return row;
}

export function opportunityRow(u: Universe, i: number, n: number): Row {
  const { r } = u;
  const contact = r.int(0, u.contactIds.length - 1);
  const account = u.contactAccount[contact]!;
  const isChinese = u.accountChinese[account] === 1;
  const stage = r.weighted(stageWeights);
  const system = u.system(i, n);
  const created = Date.parse(system.created_at as string);
  const topic = r.pick(dealTopics);
  const company = u.accountNames[account]!;
  u.opportunityIds[i] = system.id as string;
  u.opportunityContact[i] = contact;
  return {
    ...system,
    name: isChinese ? `${company.replace(/(股份)?有限公司$/, '')} - ${topic[0]}` : `${company} - ${topic[1]}`,
    account_id: u.accountIds[account],
    contact_id: u.contactIds[contact],
    stage,
    amount: `${r.int(5, 200) * 10_000}.0000`,
    amount_currency: isChinese ? 'CNY' : 'USD',
    probability: stageProbability[stage],
    close_date: new Date(created + r.int(14, 240) * DAY_MS).toISOString().slice(0, 10),
    source: r.pick(opportunitySources),
    loss_reason: stage === 'lost' ? r.pick(lossReasons) : null,
    // What the forecast module's start-up back-fill would otherwise write into every deal.
    forecast_category: categoryOfStage[stage] ?? 'pipeline',
    ...(u.pipeline && { pipeline_id: u.pipeline.id, stage_id: u.pipeline.stageIds[stage], last_activity_at: system.updated_at,
      // As the daily stale-deal job would judge it (14 days, the default pipeline's limit), so it changes nothing.
      is_stale: stage !== 'won' && stage !== 'lost' && Date.parse(system.updated_at as string) < u.now - 14 * DAY_MS }),
  };
}

export function activityRow(u: Universe, i: number, n: number): Row {
  const { r } = u;
  const type = r.weighted(activityTypeWeights);
  const kind = r.weighted([['opportunities', 40], ['contacts', 35], ['accounts', 25]] as const);
  const opportunity = kind === 'opportunities' ? r.int(0, u.opportunityIds.length - 1) : -1;
  const contact = opportunity >= 0 ? u.opportunityContact[opportunity]! : r.int(0, u.contactIds.length - 1);
  const account = kind === 'accounts' ? r.int(0, u.accountIds.length - 1) : u.contactAccount[contact]!;
  const isChinese = u.accountChinese[account] === 1;
  const system = u.system(i, n);
  const start = Date.parse(system.created_at as string) + r.int(-2, 30) * DAY_MS;
  const relatedId = kind === 'opportunities' ? u.opportunityIds[opportunity] : kind === 'contacts' ? u.contactIds[contact] : u.accountIds[account];
  return {
    ...system,
    type,
    subject: activitySubject(r, type, isChinese, kind === 'contacts' ? u.contactNames[contact]! : u.accountNames[account]!),
    status: start < u.now ? r.weighted(pastActivityStatusWeights) : 'open',
    start_at: new Date(start).toISOString(),
    end_at: type === 'task' || type === 'note' ? null : new Date(start + r.pick([30, 60, 90]) * 60_000).toISOString(),
    due_date: type === 'task' ? new Date(start).toISOString().slice(0, 10) : null,
    related_object: kind,
    related_id: relatedId,
    account_id: u.accountIds[account],
    contact_id: kind === 'accounts' ? null : u.contactIds[contact],
    opportunity_id: opportunity >= 0 ? u.opportunityIds[opportunity] : null,
  };
}
