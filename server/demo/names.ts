// Word lists and generators for realistic bilingual (简体中文 / English) CRM data, shared by the demo
// seed and the benchmark data generator. Everything is driven by a seeded PRNG, so the same seed
// always yields the same companies, people and phone numbers.

/** A small, fast, seeded pseudo-random generator (mulberry32) with the helpers the generators need. */
export class Random {
  #state: number;
  constructor(seed: number) {
    this.#state = seed >>> 0;
  }
  /** A float in [0, 1). */
  next(): number {
    let t = (this.#state = (this.#state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }
  /** Picks from [item, weight] pairs. */
  weighted<T>(entries: readonly (readonly [T, number])[]): T {
    let r = this.next() * entries.reduce((sum, [, w]) => sum + w, 0);
    for (const [item, w] of entries) if ((r -= w) < 0) return item;
    return entries.at(-1)![0];
  }
  digits(n: number): string {
    let s = '';
    for (let i = 0; i < n; i++) s += String(this.int(0, 9));
    return s;
  }
}

/** "王 wang 李 li" → [['王','wang'], ['李','li']] */
const pairs = (text: string): [string, string][] => {
  const words = text.trim().split(/\s+/);
  const result: [string, string][] = [];
  for (let i = 0; i < words.length; i += 2) result.push([words[i]!, words[i + 1]!]);
  return result;
};
const words = (text: string) => text.trim().split(/\s*,\s*|\s+/).filter(Boolean);
const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

export interface City {
  city: string;
  province: string;
  country: string;
  /** Latin spelling, for domains and English addresses. */
  latin: string;
  isChinese: boolean;
  /** Landline prefix: a Chinese area code ("010") or an international prefix ("+1 415"). */
  phonePrefix: string;
  postalCode: string;
}

const cn = (city: string, province: string, latin: string, areaCode: string, postalCode: string): City => ({
  city, province, country: '中国', latin, isChinese: true, phonePrefix: areaCode, postalCode,
});
const intl = (city: string, province: string, country: string, phonePrefix: string, postalCode: string): City => ({
  city, province, country, latin: city, isChinese: false, phonePrefix, postalCode,
});

export const chineseCities: City[] = [
  cn('北京', '北京市', 'beijing', '010', '100000'), cn('上海', '上海市', 'shanghai', '021', '200000'),
  cn('广州', '广东省', 'guangzhou', '020', '510000'), cn('深圳', '广东省', 'shenzhen', '0755', '518000'),
  cn('杭州', '浙江省', 'hangzhou', '0571', '310000'), cn('成都', '四川省', 'chengdu', '028', '610000'),
  cn('武汉', '湖北省', 'wuhan', '027', '430000'), cn('南京', '江苏省', 'nanjing', '025', '210000'),
  cn('苏州', '江苏省', 'suzhou', '0512', '215000'), cn('西安', '陕西省', 'xian', '029', '710000'),
  cn('重庆', '重庆市', 'chongqing', '023', '400000'), cn('天津', '天津市', 'tianjin', '022', '300000'),
  cn('厦门', '福建省', 'xiamen', '0592', '361000'), cn('青岛', '山东省', 'qingdao', '0532', '266000'),
  cn('长沙', '湖南省', 'changsha', '0731', '410000'), cn('合肥', '安徽省', 'hefei', '0551', '230000'),
];

export const englishCities: City[] = [
  intl('New York', 'NY', 'United States', '+1 212', '10001'), intl('San Francisco', 'CA', 'United States', '+1 415', '94105'),
  intl('Austin', 'TX', 'United States', '+1 512', '78701'), intl('Seattle', 'WA', 'United States', '+1 206', '98101'),
  intl('Boston', 'MA', 'United States', '+1 617', '02110'), intl('Chicago', 'IL', 'United States', '+1 312', '60601'),
  intl('London', 'England', 'United Kingdom', '+44 20', 'EC2A 4BX'), intl('Manchester', 'England', 'United Kingdom', '+44 161', 'M1 1AD'),
  intl('Edinburgh', 'Scotland', 'United Kingdom', '+44 131', 'EH1 1YZ'), intl('Singapore', 'Singapore', 'Singapore', '+65', '018989'),
];

const surnames = pairs(`王 wang 李 li 张 zhang 刘 liu 陈 chen 杨 yang 黄 huang 赵 zhao 吴 wu 周 zhou 徐 xu 孙 sun 马 ma
  朱 zhu 胡 hu 郭 guo 何 he 林 lin 高 gao 罗 luo 郑 zheng 梁 liang 谢 xie 宋 song 唐 tang 许 xu 韩 han 冯 feng 邓 deng 曹 cao`);
const givenChars = pairs(`伟 wei 芳 fang 娜 na 敏 min 静 jing 丽 li 强 qiang 磊 lei 军 jun 洋 yang 勇 yong 艳 yan 杰 jie 娟 juan
  涛 tao 明 ming 超 chao 秀 xiu 霞 xia 平 ping 刚 gang 桂 gui 英 ying 华 hua 玲 ling 建 jian 国 guo 文 wen 辉 hui 鹏 peng
  宇 yu 浩 hao 欣 xin 怡 yi 佳 jia 晨 chen 子 zi 涵 han 雪 xue 梅 mei 思 si 雨 yu 嘉 jia 博 bo 晓 xiao 海 hai`);
const firstNames = words(`Emily James Olivia William Sophia Benjamin Charlotte Lucas Amelia Henry Grace Daniel Chloe Michael
  Hannah Ethan Isabella Samuel Zoe Jack Lily Thomas Ava Oliver Mia Noah Ella Alexander Ruby David Sarah Matthew Laura Ryan`);
const lastNames = words(`Carter Smith Johnson Williams Brown Taylor Wilson Davies Evans Thomas Roberts Walker Wright Robinson
  Thompson White Hughes Edwards Green Hall Wood Harris Clarke Jackson Turner Hill Moore Cooper Ward Morgan Bennett Reed Foster`);
/** Pinyin surnames for English-spelled Chinese names (Zhang is left out so "Zhang Wei" stays easy to find in the demo). */
const diasporaSurnames = surnames.filter(([, p]) => p !== 'zhang');

export interface Person {
  name: string;
  /** e-mail local part, ASCII */
  handle: string;
  isChinese: boolean;
}

/** A Chinese name in characters (张伟), with its pinyin handle (zhang.wei). */
export function chinesePerson(r: Random): Person {
  const [sz, sp] = r.pick(surnames);
  const given = Array.from({ length: r.chance(0.6) ? 2 : 1 }, () => r.pick(givenChars));
  return { name: sz + given.map(([c]) => c).join(''), handle: `${sp}.${given.map(([, p]) => p).join('')}`, isChinese: true };
}

/** An English-speaking name: mostly Western ("Emily Carter"), some Chinese in pinyin ("Chen Jiahui"). */
export function englishPerson(r: Random): Person {
  if (r.chance(0.25)) {
    const [, sp] = r.pick(diasporaSurnames);
    const given = Array.from({ length: r.chance(0.6) ? 2 : 1 }, () => r.pick(givenChars)[1]).join('');
    return { name: `${capitalize(sp)} ${capitalize(given)}`, handle: `${sp}.${given}`, isChinese: false };
  }
  const first = r.pick(firstNames);
  const last = r.pick(lastNames);
  return { name: `${first} ${last}`, handle: `${first}.${last}`.toLowerCase(), isChinese: false };
}

// 星空 is left out: the demo's 北京星空在线文化传播有限公司 should be the one company a search for it finds.
const brandWords = pairs(`华信 huaxin 瑞达 ruida 博远 boyuan 恒通 hengtong 金桥 jinqiao 中科 zhongke 天成 tiancheng
  新创 xinchuang 汇智 huizhi 云帆 yunfan 东方 dongfang 长城 changcheng 鼎盛 dingsheng 盛世 shengshi 卓越 zhuoyue 万达 wanda
  远景 yuanjing 宏图 hongtu 蓝海 lanhai 海纳 haina 启明 qiming 凯瑞 kairui 明德 mingde 嘉禾 jiahe 信达 xinda 联创 lianchuang
  银河 yinhe 锦程 jincheng 泰和 taihe 正源 zhengyuan 同心 tongxin 百川 baichuan 九州 jiuzhou 永安 yongan 润泽 runze`);
const brandModifiers = pairs('在线 online 智能 smart 数字 digital 国际 intl 创新 innov 互联 link');

export const industryCodes = ['manufacturing', 'technology', 'retail', 'finance', 'education', 'healthcare', 'media', 'logistics', 'energy', 'government', 'other'] as const;
export type Industry = (typeof industryCodes)[number];

/** Business-scope words per industry: Chinese company-name part, English noun, short domain tag. */
const industryWords: Record<Industry, [string, string, string][]> = {
  manufacturing: [['机械制造', 'Manufacturing', 'mfg'], ['精密仪器', 'Precision Instruments', 'precision'], ['新材料', 'Materials', 'materials']],
  technology: [['信息技术', 'Software', 'tech'], ['网络科技', 'Systems', 'net'], ['软件', 'Analytics', 'soft']],
  retail: [['商贸', 'Retail', 'trade'], ['电子商务', 'Commerce', 'ecom'], ['连锁超市', 'Stores', 'mart']],
  finance: [['投资管理', 'Capital', 'capital'], ['融资租赁', 'Financial Services', 'finance'], ['保险代理', 'Insurance', 'insure']],
  education: [['教育科技', 'Learning', 'edu'], ['培训', 'Academy', 'academy']],
  healthcare: [['医疗器械', 'Medical', 'med'], ['生物科技', 'Biosciences', 'bio'], ['健康管理', 'Health', 'health']],
  media: [['文化传播', 'Media', 'media'], ['广告', 'Creative', 'creative'], ['影视传媒', 'Studios', 'studio']],
  logistics: [['物流', 'Logistics', 'logistics'], ['供应链管理', 'Supply Chain', 'scm'], ['国际货运代理', 'Freight', 'freight']],
  energy: [['新能源', 'Energy', 'energy'], ['电力工程', 'Power', 'power'], ['环保科技', 'Cleantech', 'green']],
  government: [['公共服务中心', 'Public Services', 'gov'], ['城市发展研究院', 'Development Agency', 'dev']],
  other: [['咨询', 'Consulting', 'consult'], ['企业管理', 'Partners', 'partners'], ['建筑工程', 'Construction', 'build']],
};
const englishPrefixes = words(`Northwind Bluewater Summit Redwood Harbor Pioneer Silverline Brightpath Crestview Evergreen Ironbridge
  Lakeside Meridian Oakridge Quantum Riverstone Sterling Westfield Horizon Keystone Atlas Beacon Cobalt Granite Juniper Maple Orion`);
const englishSuffixes: Record<string, string[]> = {
  'United States': ['Inc.', 'LLC', 'Corp.'],
  'United Kingdom': ['Ltd', 'plc', 'Group Ltd'],
  Singapore: ['Pte. Ltd.', 'Holdings Pte. Ltd.'],
};
const streetsZh = words('建国路 中山路 人民路 解放路 科技园路 长江路 南京西路 天府大道 高新大道 滨江大道 学院路 金融街');
const streetsEn = ['Market Street', 'Main Street', 'King Street', 'High Street', 'Harbour Road', 'Park Avenue', 'Orchard Road', 'Victoria Street'];

export interface Company {
  name: string;
  industry: Industry;
  city: City;
  /** web domain, ASCII */
  domain: string;
  phone: string;
  email: string;
  website: string;
  address: { street: string; city: string; province: string; postalCode: string; country: string };
}

/** A company in the given city: 上海华信网络科技有限公司 or "Summit Analytics LLC". */
export function makeCompany(r: Random, city: City, industry: Industry = r.pick(industryCodes)): Company {
  const [zhScope, enScope, tag] = r.pick(industryWords[industry]);
  let name: string;
  let domain: string;
  let street: string;
  if (city.isChinese) {
    const [brand, brandLatin] = r.pick(brandWords);
    const modifier = r.chance(0.25) ? r.pick(brandModifiers) : undefined;
    const legal = industry === 'government' ? '' : r.chance(0.85) ? '有限公司' : '股份有限公司';
    name = `${city.city}${brand}${modifier?.[0] ?? ''}${zhScope}${legal}`;
    domain = `${brandLatin}${modifier ? `-${modifier[1]}` : ''}-${tag}.${r.chance(0.7) ? 'cn' : 'com.cn'}`;
    street = `${r.pick(streetsZh)}${r.int(1, 399)}号`;
  } else {
    const prefix = r.pick(englishPrefixes);
    name = `${prefix} ${enScope} ${r.pick(englishSuffixes[city.country]!)}`;
    domain = `${prefix.toLowerCase()}${tag}.${city.country === 'United Kingdom' ? 'co.uk' : city.country === 'Singapore' ? 'com.sg' : 'com'}`;
    street = `${r.int(1, 999)} ${r.pick(streetsEn)}`;
  }
  return {
    name,
    industry,
    city,
    domain,
    phone: landline(r, city),
    email: `${r.pick(['info', 'contact', 'sales', 'hello'])}@${domain}`,
    website: `https://www.${domain}`,
    address: { street, city: city.city, province: city.province, postalCode: city.postalCode, country: city.country },
  };
}

/** A landline in the city's format: 010-8xxxxxxx or +1 415 555 0123. */
export function landline(r: Random, city: City): string {
  if (city.isChinese) return `${city.phonePrefix}-${r.int(5, 8)}${r.digits(7)}`;
  if (city.country === 'Singapore') return `+65 6${r.digits(3)} ${r.digits(4)}`;
  if (city.country === 'United Kingdom') return `${city.phonePrefix} ${r.int(3, 8)}${r.digits(city.phonePrefix.length > 6 ? 2 : 3)} ${r.digits(4)}`;
  return `${city.phonePrefix} ${r.int(2, 9)}${r.digits(2)} ${r.digits(4)}`;
}

/** A mobile number: 13812345678 in China, the local form elsewhere. */
export function mobile(r: Random, city: City): string {
  if (city.isChinese) return `1${r.pick(['38', '39', '36', '58', '59', '86', '88', '37', '50', '77'])}${r.digits(8)}`;
  if (city.country === 'Singapore') return `+65 ${r.pick(['8', '9'])}${r.digits(3)} ${r.digits(4)}`;
  if (city.country === 'United Kingdom') return `+44 7${r.digits(3)} ${r.digits(6)}`;
  return `${city.phonePrefix} ${r.int(2, 9)}${r.digits(2)} ${r.digits(4)}`;
}

export const jobTitles: [string, string, string][] = [
  ['总经理', 'General Manager', 'management'], ['副总裁', 'Vice President', 'management'], ['采购经理', 'Procurement Manager', 'procurement'],
  ['采购专员', 'Purchasing Specialist', 'procurement'], ['IT 总监', 'IT Director', 'it'], ['技术经理', 'Engineering Manager', 'it'],
  ['市场总监', 'Marketing Director', 'marketing'], ['销售总监', 'Sales Director', 'sales'], ['财务经理', 'Finance Manager', 'finance'],
  ['运营经理', 'Operations Manager', 'operations'], ['行政主管', 'Office Manager', 'admin'], ['首席执行官', 'CEO', 'management'],
];
export const departments: Record<string, [string, string]> = {
  management: ['总经办', 'Executive Office'], procurement: ['采购部', 'Procurement'], it: ['信息技术部', 'IT'],
  marketing: ['市场部', 'Marketing'], sales: ['销售部', 'Sales'], finance: ['财务部', 'Finance'],
  operations: ['运营部', 'Operations'], admin: ['行政部', 'Administration'],
};

/** Subjects of activities, per type, in each language; {x} is replaced by a company or person name. */
export const activitySubjects: Record<string, { zh: string[]; en: string[] }> = {
  call: { zh: ['电话沟通需求：{x}', '回访{x}', '电话确认报价细节', '跟进付款进度'], en: ['Call with {x}', 'Follow-up call about the proposal', 'Check in on renewal', 'Pricing call'] },
  meeting: { zh: ['与{x}召开需求评审会', '季度业务回顾会', '合同条款讨论', '项目启动会'], en: ['Quarterly business review with {x}', 'Requirements workshop', 'Contract review meeting', 'Kick-off meeting'] },
  visit: { zh: ['拜访{x}', '上门演示产品', '客户现场调研', '陪同高层拜访'], en: ['On-site visit to {x}', 'Product demo on site', 'Site survey', 'Executive visit'] },
  task: { zh: ['发送报价单给{x}', '准备投标文件', '整理会议纪要', '更新客户资料'], en: ['Send the quote to {x}', 'Prepare the tender documents', 'Write up the meeting notes', 'Update account details'] },
  note: { zh: ['{x}预算已批准', '客户关注数据安全', '竞争对手报价更低', '决策人变更'], en: ['{x} has approved the budget', 'Customer is focused on data security', 'Competitor quoted lower', 'Decision maker changed'] },
};

/** Fills an activity subject template for the language of `isChinese`. */
export function activitySubject(r: Random, type: string, isChinese: boolean, x: string): string {
  const t = activitySubjects[type]!;
  return r.pick(isChinese ? t.zh : t.en).replace('{x}', x);
}

/** What is being sold: [中文, English] deal topics used in opportunity names. */
export const dealTopics: [string, string][] = [
  ['CRM 系统采购', 'CRM rollout'], ['年度服务续约', 'Annual renewal'], ['呼叫中心升级', 'Contact center upgrade'],
  ['营销自动化项目', 'Marketing automation'], ['数据分析平台', 'Analytics platform'], ['全国门店扩容', 'Branch expansion'],
  ['私有化部署', 'On-premise deployment'], ['培训与实施服务', 'Training and implementation'],
];
