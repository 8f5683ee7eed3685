// Pick-list values shared by several standard objects.
import type { Label } from '../records/types.ts';

/** Builds select options from [value, English, 中文] triples, keeping the values' literal types. */
export function options<const V extends string>(...entries: [V, string, string][]): Array<{ value: V; label: Label }> {
  return entries.map(([value, en, zh]) => ({ value, label: { en, 'zh-CN': zh } }));
}

export const industries = options(
  ['manufacturing', 'Manufacturing', '制造业'],
  ['technology', 'Technology', '科技'],
  ['retail', 'Retail', '零售'],
  ['finance', 'Finance', '金融'],
  ['education', 'Education', '教育'],
  ['healthcare', 'Healthcare', '医疗健康'],
  ['media', 'Media', '文化传媒'],
  ['logistics', 'Logistics', '物流'],
  ['energy', 'Energy', '能源'],
  ['government', 'Government', '政府机构'],
  ['other', 'Other', '其他'],
);

export const leadSources = options(
  ['web', 'Website', '官网'],
  ['referral', 'Referral', '转介绍'],
  ['event', 'Event', '展会活动'],
  ['cold_call', 'Cold call', '电话拜访'],
  ['advertising', 'Advertising', '广告'],
  ['partner', 'Partner', '合作伙伴'],
  ['other', 'Other', '其他'],
);
