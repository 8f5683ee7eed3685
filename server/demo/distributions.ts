// How the demo company and the benchmark data are spread over types, stages and sources: one list
// each, so the 200-account demo and the million-row benchmark describe the same kind of business.
import type { City } from './names.ts';

type Weights<T extends string> = ReadonlyArray<readonly [T, number]>;

export const accountTypeWeights: Weights<'customer' | 'prospect' | 'partner' | 'supplier' | 'competitor'> = [
  ['customer', 35], ['prospect', 40], ['partner', 10], ['supplier', 8], ['competitor', 7],
];
export const accountRatingWeights: Weights<'A' | 'B' | 'C'> = [['A', 2], ['B', 5], ['C', 3]];
export const accountTags = {
  zh: ['重点客户', '战略合作', '续约关注', '华东区', '华南区', '渠道'],
  en: ['key account', 'strategic', 'renewal', 'EMEA', 'APAC', 'channel'],
};
export const employeeCounts = [20, 50, 120, 300, 800, 1500, 5000, 12000];

export const leadStatusWeights: Weights<'new' | 'working' | 'qualified' | 'unqualified' | 'converted'> = [
  ['new', 35], ['working', 30], ['qualified', 15], ['unqualified', 12], ['converted', 8],
];
export const leadSourceWeights: Weights<'web' | 'referral' | 'event' | 'cold_call' | 'advertising' | 'partner'> = [
  ['web', 30], ['referral', 20], ['event', 20], ['cold_call', 10], ['advertising', 10], ['partner', 10],
];

export const stageWeights: Weights<'interest' | 'preference' | 'negotiation' | 'won' | 'lost'> = [
  ['interest', 30], ['preference', 25], ['negotiation', 20], ['won', 25], ['lost', 20],
];
/** Win probability of each stage, as the demo pipeline defines it. */
export const stageProbability = { interest: 10, preference: 50, negotiation: 70, won: 100, lost: 0 };
export const opportunitySources = ['web', 'referral', 'event', 'cold_call', 'partner'];
export const lossReasons = ['价格太高', '选择了竞争对手', '预算取消', 'Budget cut', 'Went with a competitor', 'No decision'];

export const activityTypeWeights: Weights<'call' | 'meeting' | 'visit' | 'task' | 'note'> = [
  ['call', 30], ['meeting', 20], ['visit', 15], ['task', 25], ['note', 10],
];
/** The status of an activity whose time has passed. */
export const pastActivityStatusWeights: Weights<'done' | 'cancelled' | 'open'> = [['done', 85], ['cancelled', 5], ['open', 10]];

/** The currency a company in this city trades in. */
export function currencyOf(city: City): string {
  return ({ 中国: 'CNY', 'United States': 'USD', 'United Kingdom': 'GBP' } as Record<string, string>)[city.country] ?? 'SGD';
}
