// The bilingual demo company loaded on first start and by `guanxi seed-demo`.
import { eq, sql } from 'drizzle-orm';
import { ensureUser } from '../platform/auth/users.ts';
import type { Database } from '../platform/db/index.ts';
import { teamMembers, teams, users } from '../platform/db/schema.ts';
import { newId } from '../platform/ids.ts';
import { createRecord, writeTransaction, type Caller, type RecordValues } from '../records/index.ts';
import { seedQuoteDemo } from './quotes.ts';
import { seedKnowledgeDemo } from '../domains/knowledge/demo-articles.ts';
import { seedReceivablesDemo } from '../domains/sales/receivables/demo.ts';
import { seedWorkReportsDemo } from '../domains/collaboration/reports/demo-reports.ts';
import { seedBulletinDemo } from '../domains/bulletin/demo.ts';
import { seedCalendarDemo } from '../domains/calendar/demo-events.ts';
import { seedExpenseDemo } from '../domains/approvals/demo-expenses.ts';
import {
  activitySubject, chineseCities, chinesePerson, dealTopics, departments, englishCities, englishPerson, jobTitles,
  landline, makeCompany, mobile, Random, type Company, type Person,
} from './names.ts';
import {
  accountRatingWeights, accountTags, accountTypeWeights, activityTypeWeights, currencyOf, employeeCounts, leadSourceWeights,
  leadStatusWeights, lossReasons, opportunitySources, pastActivityStatusWeights, stageProbability, stageWeights,
} from './distributions.ts';

export interface SeedSummary {
  [object: string]: number;
}

export interface SeedOptions {
  /** The day the demo is built around (activities span the year before and the month after). */
  now?: Date;
  /** PRNG seed: the same seed and day always give the same data. */
  seed?: number;
}

/** External id of the first demo account: its presence means the demo is already loaded. */
export const DEMO_MARKER = 'DEMO-A0001';
const DAY_MS = 86_400_000;
const pad = (n: number) => String(n).padStart(4, '0');

const products: [string, string, string, number, string][] = [
  ['GX-CRM-STD', '关系 CRM 标准版 Standard', '软件订阅', 1200, '用户/年'],
  ['GX-CRM-PRO', '关系 CRM 专业版 Professional', '软件订阅', 2400, '用户/年'],
  ['GX-CRM-ENT', '关系 CRM 企业版 Enterprise', '软件订阅', 4800, '用户/年'],
  ['GX-CC-SEAT', '呼叫中心坐席 Contact center seat', '软件订阅', 1800, '坐席/年'],
  ['GX-MKT-AUTO', '营销自动化 Marketing automation', '软件订阅', 30000, '套/年'],
  ['GX-BI', '数据分析平台 Analytics', '软件订阅', 20000, '套/年'],
  ['GX-API-PLUS', 'API 扩展包 API add-on', '附加组件', 6000, '套/年'],
  ['GX-STORAGE', '附件存储 100 GB storage', '附加组件', 800, '份/年'],
  ['GX-SMS-10K', '短信包 1 万条 SMS bundle', '附加组件', 450, '包'],
  ['GX-WECHAT', '企业微信集成 WeCom connector', '附加组件', 5000, '套/年'],
  ['SRV-IMPL-S', '标准实施服务 Standard implementation', '专业服务', 50000, '项'],
  ['SRV-IMPL-L', '大型实施服务 Enterprise implementation', '专业服务', 200000, '项'],
  ['SRV-DATA-MIG', '数据迁移 Data migration', '专业服务', 30000, '项'],
  ['SRV-TRAIN', '现场培训 On-site training', '专业服务', 8000, '天'],
  ['SRV-CONSULT', '销售流程咨询 Sales process consulting', '专业服务', 12000, '天'],
  ['SRV-CUSTOM', '定制开发 Custom development', '专业服务', 2500, '人天'],
  ['SUP-GOLD', '金牌支持 Gold support', '技术支持', 40000, '年'],
  ['SUP-PLAT', '白金支持 Platinum support', '技术支持', 90000, '年'],
  ['HW-HEADSET', '话务耳机 Headset', '硬件', 380, '个'],
  ['HW-IPPHONE', 'IP 电话机 IP phone', '硬件', 900, '台'],
];


interface DemoAccount {
  id: string;
  company: Company;
  ownerId: string;
  contacts: { id: string; person: Person }[];
}

/**
 * Loads the demo company — 200 accounts, 500 contacts, 150 leads, 120 opportunities, 1,000 activities
 * and 20 products, in Chinese and English — through the records engine, so validation, search tokens
 * and history are the real ones. Everything runs in one transaction: all of it is loaded or none.
 * Content is deterministic (seeded PRNG; dates relative to `options.now`); ids are fresh UUIDv7s.
 *
 * Re-running skips cleanly: when the first demo account (external id DEMO-A0001) is live, nothing is
 * written and every count in the summary is 0. Delete that account to load a second copy.
 */
export async function seedDemo(c: Caller, options: SeedOptions = {}): Promise<SeedSummary> {
  const summary: SeedSummary = { accounts: 0, contacts: 0, leads: 0, opportunities: 0, activities: 0, products: 0 };
  const accountsTable = sql.identifier(c.registry.get('accounts').table);
  const [existing] = await c.db.rows(sql`select 1 from ${accountsTable} where external_id = ${DEMO_MARKER} and deleted_at is null`);
  if (existing) return summary;

  const r = new Random(options.seed ?? 20_260_101);
  const now = options.now ?? new Date();
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const dateAt = (days: number) => new Date(today + days * DAY_MS).toISOString().slice(0, 10);

  await writeTransaction(c, async (t) => {
    const tx = t.db;
    const create = async (object: string, body: RecordValues) => {
      summary[object]!++;
      return (await createRecord(t, object, body)).id as string;
    };
    const team = [c.ctx.userId];
    const salesTeam = [['li.na', '李娜', 'sales_director'], ['wang.qiang', '王强', 'sales_rep'], ['emily.carter', 'Emily Carter', 'sales_manager'], ['chen.jing', '陈静', 'sales_rep']];
    for (const [handle, name, roleKey] of salesTeam) {
      const locale = name!.includes(' ') ? 'en' : 'zh-CN';
      team.push((await ensureUser(tx, { email: `${handle}@guanxi.local`, name: name!, roleKey, locale })).id);
    }
    await organiseSalesTeam(tx, team.slice(1));

    // Dated exchange rates (not counted in the summary), so the forecast converts the demo's dollar,
    // pound and Singapore-dollar deals into yuan.
    for (const [currency, rate] of [['USD', 7.1], ['GBP', 9.05], ['SGD', 5.3]] as const) {
      await createRecord(t, 'exchangeRates', { currency, rate, effectiveDate: `${now.getUTCFullYear() - 1}-01-01` });
    }
    const productIds = new Map<string, string>();
    for (const [code, name, category, price, unit] of products) {
      // VAT: 13% on goods, 6% on software and services.
      const taxRate = category === '硬件' ? 13 : 6;
      productIds.set(code, await create('products', { code, name, category, unit, taxRate, unitPrice: { amount: String(price), currency: 'CNY' }, description: `${name}（${category}）` }));
    }

    // Accounts: the search example first, one Singapore company for "Zhang Wei", then a ~2:1 mix.
    const accounts: DemoAccount[] = [];
    const singapore = englishCities.find((x) => x.country === 'Singapore')!;
    for (let i = 0; i < 200; i++) {
      const city = i === 0 ? chineseCities[0]! : i === 1 ? singapore : r.chance(0.65) ? r.pick(chineseCities) : r.pick(englishCities);
      const company = makeCompany(r, city, i === 0 ? 'media' : i === 1 ? 'technology' : undefined);
      if (i === 0) {
        const domain = 'xingkong-media.cn';
        Object.assign(company, { name: '北京星空在线文化传播有限公司', domain, email: `info@${domain}`, website: `https://www.${domain}` });
      }
      const parent = i > 20 && r.chance(0.08) ? accounts.find((a) => a.company.city.isChinese === city.isChinese) : undefined;
      const ownerId = r.pick(team);
      const tags = city.isChinese ? accountTags.zh : accountTags.en;
      const id = await create('accounts', {
        name: company.name,
        externalId: `DEMO-A${pad(i + 1)}`,
        type: r.weighted(accountTypeWeights),
        industry: company.industry,
        rating: r.weighted(accountRatingWeights),
        phone: company.phone,
        email: company.email,
        website: company.website,
        city: city.city,
        province: city.province,
        country: city.country,
        address: company.address,
        employees: r.pick(employeeCounts) + r.int(0, 19),
        annualRevenue: { amount: String(r.int(5, 5000) * 100_000), currency: currencyOf(city) },
        parentAccountId: parent?.id ?? null,
        tags: r.chance(0.5) ? [r.pick(tags)] : [],
        ownerId,
        description: city.isChinese ? `${company.name}，位于${city.province}${city.city}。` : `${company.name}, based in ${city.city}, ${city.country}.`,
      });
      accounts.push({ id, company, ownerId, contacts: [] });
    }

    // Contacts: every account gets one, the rest are spread; about one in ten works with two accounts.
    for (let i = 0; i < 500; i++) {
      const account = i < accounts.length ? accounts[i]! : r.pick(accounts);
      const { company } = account;
      const city = company.city;
      const person: Person =
        i === 0 ? { name: '张伟', handle: 'zhang.wei', isChinese: true }
        : i === 1 ? { name: 'Zhang Wei', handle: 'wei.zhang', isChinese: false }
        : city.isChinese ? chinesePerson(r) : englishPerson(r);
      const [titleZh, titleEn, dept] = r.pick(jobTitles);
      const second = r.chance(0.1) ? r.pick(accounts) : undefined;
      const id = await create('contacts', {
        name: person.name,
        externalId: `DEMO-C${pad(i + 1)}`,
        accountId: account.id,
        accountIds: second && second !== account ? [account.id, second.id] : [account.id],
        title: city.isChinese ? titleZh : titleEn,
        department: departments[dept]![city.isChinese ? 0 : 1],
        email: `${person.handle}@${company.domain}`,
        phone: landline(r, city),
        mobile: mobile(r, city),
        wechat: city.isChinese && r.chance(0.7) ? `wx_${person.handle.replace('.', '_')}${r.digits(2)}` : null,
        city: city.city,
        birthday: r.chance(0.3) ? `${r.int(1965, 1998)}-${String(r.int(1, 12)).padStart(2, '0')}-${String(r.int(1, 28)).padStart(2, '0')}` : null,
        ownerId: account.ownerId,
        notes: r.chance(0.2) ? (city.isChinese ? '关键决策人，偏好微信沟通。' : 'Key decision maker; prefers e-mail.') : null,
      });
      account.contacts.push({ id, person });
    }

    // Leads: people not yet qualified, at companies that are not accounts yet.
    const leads: { id: string; isChinese: boolean; name: string; ownerId: string }[] = [];
    for (let i = 0; i < 150; i++) {
      const city = r.chance(0.65) ? r.pick(chineseCities) : r.pick(englishCities);
      const company = makeCompany(r, city);
      const person = city.isChinese ? chinesePerson(r) : englishPerson(r);
      const ownerId = r.pick(team);
      const id = await create('leads', {
        name: person.name,
        company: company.name,
        externalId: `DEMO-L${pad(i + 1)}`,
        status: r.weighted(leadStatusWeights),
        source: r.weighted(leadSourceWeights),
        industry: company.industry,
        email: `${person.handle}@${company.domain}`,
        phone: mobile(r, city),
        city: city.city,
        province: city.province,
        score: r.int(5, 95),
        ownerId,
        description: city.isChinese ? `在${r.pick(['官网', '展会', '直播'])}留下联系方式，关注${r.pick(dealTopics)[0]}。` : `Asked about ${r.pick(dealTopics)[1].toLowerCase()}.`,
      });
      leads.push({ id, isChinese: city.isChinese, name: person.name, ownerId });
    }

    // Opportunities in every stage: closed ones in the past year, open ones in the coming months.
    const opportunities: { id: string; account: DemoAccount; contactId: string }[] = [];
    for (let i = 0; i < 120; i++) {
      const account = i === 0 ? accounts[0]! : r.pick(accounts.slice(0, 150));
      const isChinese = account.company.city.isChinese;
      const stage = i < 5 ? (['interest', 'preference', 'negotiation', 'won', 'lost'] as const)[i]! : r.weighted(stageWeights);
      const isClosed = stage === 'won' || stage === 'lost';
      const contact = r.pick(account.contacts);
      const topic = r.pick(dealTopics);
      const id = await create('opportunities', {
        name: isChinese ? `${account.company.name.replace(/(股份)?有限公司$/, '')} - ${topic[0]}` : `${account.company.name} - ${topic[1]}`,
        accountId: account.id,
        contactId: contact.id,
        externalId: `DEMO-O${pad(i + 1)}`,
        stage,
        amount: { amount: String(r.int(5, 200) * 10_000), currency: currencyOf(account.company.city) },
        probability: stageProbability[stage],
        closeDate: dateAt(isClosed ? -r.int(1, 330) : r.int(-10, 180)),
        source: r.pick(opportunitySources),
        lossReason: stage === 'lost' ? r.pick(lossReasons) : null,
        ownerId: account.ownerId,
      });
      opportunities.push({ id, account, contactId: contact.id });
    }

    // Activities over the past year and the next month, each about one record and rolled up to its parents.
    for (let i = 0; i < 1000; i++) {
      const type = r.weighted(activityTypeWeights);
      const kind = r.weighted([['opportunities', 35], ['contacts', 35], ['accounts', 20], ['leads', 10]] as const);
      const links: RecordValues = { relatedObject: kind };
      let isChinese: boolean;
      let about: string;
      let ownerId: string;
      if (kind === 'leads') {
        const lead = r.pick(leads);
        Object.assign(links, { relatedId: lead.id, leadId: lead.id });
        [isChinese, about, ownerId] = [lead.isChinese, lead.name, lead.ownerId];
      } else {
        const opportunity = kind === 'opportunities' ? r.pick(opportunities) : undefined;
        const account = opportunity?.account ?? r.pick(accounts);
        const contact = opportunity ? account.contacts.find((x) => x.id === opportunity.contactId)! : r.pick(account.contacts);
        Object.assign(links, {
          relatedId: opportunity?.id ?? (kind === 'contacts' ? contact.id : account.id),
          accountId: account.id,
          contactId: kind === 'accounts' ? null : contact.id,
          opportunityId: opportunity?.id ?? null,
        });
        isChinese = account.company.city.isChinese;
        about = kind === 'contacts' ? contact.person.name : account.company.name;
        ownerId = account.ownerId;
      }
      const days = i < 10 ? i - 3 : r.int(-365, 30);
      const hour = (isChinese ? 1 : 9) + r.int(0, 8); // 09:00-17:00 local time, in UTC
      const start = new Date(today + days * DAY_MS + hour * 3_600_000 + r.pick([0, 30]) * 60_000);
      const isPast = days < 0;
      await create('activities', {
        type,
        subject: activitySubject(r, type, isChinese, about),
        body: r.chance(0.4) ? (isChinese ? '<p>沟通顺利，客户希望下周收到正式方案。</p>' : '<p>Good conversation; they expect a formal proposal next week.</p>') : null,
        status: isPast ? r.weighted(pastActivityStatusWeights) : 'open',
        startAt: start.toISOString(),
        endAt: type === 'task' || type === 'note' ? null : new Date(start.getTime() + r.pick([30, 60, 90]) * 60_000).toISOString(),
        dueDate: type === 'task' ? dateAt(days) : null,
        ownerId,
        ...links,
      });
    }
    await seedKnowledgeDemo(t);
    await seedReceivablesDemo(t, accounts.map((a) => ({ id: a.id, ownerId: a.ownerId, isChinese: a.company.city.isChinese })), now);
    // The two reps (王强, 陈静) report to the manager: their daily reports of yesterday.
    await seedWorkReportsDemo(t, [team[2]!, team[4]!], now);
    await seedBulletinDemo(t);
    await seedCalendarDemo(t, { team, accountIds: accounts.slice(0, 4).map((a) => a.id), now });
    const first = accounts[0]!;
    await seedQuoteDemo(t, {
      products: productIds,
      prices: new Map(products.map(([code, , , price]) => [code, price])),
      account: { id: first.id, ownerId: first.ownerId, contactId: first.contacts[0]?.id ?? null },
      today: dateAt(0),
    });
    await seedExpenseDemo(t, now);
  });
  return summary;
}

/**
 * A department tree and a reporting line, so the demo shows the access model at work: the director
 * manages the manager, who manages the two reps; 华北 and 华东 sit under 销售部.
 */
async function organiseSalesTeam(db: Database, [director, northRep, manager, eastRep]: string[]): Promise<void> {
  const [isOrganised] = await db.orm.select({ teamId: teamMembers.teamId }).from(teamMembers).where(eq(teamMembers.userId, director!)).limit(1);
  if (isOrganised) return; // a re-seed after the demo accounts were deleted keeps the existing tree
  const department = { id: newId(), name: '销售部 Sales', parentId: null };
  const north = { id: newId(), name: '华北区 North', parentId: department.id };
  const east = { id: newId(), name: '华东区 East', parentId: department.id };
  await db.orm.insert(teams).values([department, north, east]);
  await db.orm.insert(teamMembers).values([
    { teamId: department.id, userId: director!, isPrimary: true },
    { teamId: east.id, userId: manager!, isPrimary: true },
    { teamId: north.id, userId: northRep!, isPrimary: true },
    { teamId: east.id, userId: eastRep!, isPrimary: true },
  ]);
  await db.orm.update(users).set({ managerId: director! }).where(eq(users.id, manager!));
  for (const rep of [northRep!, eastRep!]) await db.orm.update(users).set({ managerId: manager! }).where(eq(users.id, rep));
}
