import type { ObjectDefinition } from '../records/index.ts';
import { options } from './options.ts';

/**
 * A competitor met on an opportunity, with how the deal went against them. Owned by the opportunity:
 * whoever may read the deal reads its competitors. Without an outcome of its own, the deal's close
 * (won / lost and its loss reason) counts.
 */
export const opportunityCompetitors: ObjectDefinition = {
  name: 'opportunityCompetitors',
  label: { en: 'Competitor on a deal', 'zh-CN': '商机竞争对手' },
  labelPlural: { en: 'Competitors on deals', 'zh-CN': '商机竞争对手' },
  table: 'opportunity_competitors',
  titleField: 'reason',
  access: { default: 'private' }, // ignored: read through the opportunity
  fields: [
    { name: 'opportunityId', type: 'parent', target: 'opportunities', label: { en: 'Opportunity', 'zh-CN': '商机' }, isRequired: true },
    { name: 'competitorId', type: 'lookup', target: 'competitors', label: { en: 'Competitor', 'zh-CN': '竞争对手' }, isRequired: true, isIndexed: true },
    { name: 'outcome', type: 'select', label: { en: 'Outcome', 'zh-CN': '结果' }, options: options(['won', 'We won', '我方赢单'], ['lost', 'We lost', '我方输单']) },
    { name: 'reason', type: 'text', label: { en: 'Reason', 'zh-CN': '原因' }, maxLength: 255 },
  ],
};
