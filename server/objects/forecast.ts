import type { ObjectDefinition, SelectOption } from '../records/index.ts';

/** Where a deal counts in the forecast; derived from its stage unless the owner sets it. */
export const forecastCategories: SelectOption[] = [
  { value: 'pipeline', label: { en: 'Pipeline', 'zh-CN': '管道' } },
  { value: 'bestCase', label: { en: 'Best case', 'zh-CN': '最佳情况' } },
  { value: 'commit', label: { en: 'Commit', 'zh-CN': '承诺' } },
  { value: 'closed', label: { en: 'Closed', 'zh-CN': '已成交' } },
  { value: 'omitted', label: { en: 'Omitted', 'zh-CN': '不计入' } },
];

const periodTypes: SelectOption[] = [
  { value: 'month', label: { en: 'Month', 'zh-CN': '月' } },
  { value: 'quarter', label: { en: 'Quarter', 'zh-CN': '季度' } },
  { value: 'year', label: { en: 'Year', 'zh-CN': '年' } },
];

const splitMethods: SelectOption[] = [
  { value: 'even', label: { en: 'Evenly', 'zh-CN': '平均' } },
  { value: 'seasonal', label: { en: "By last year's seasonality", 'zh-CN': '按去年季节性' } },
  { value: 'manual', label: { en: 'By hand', 'zh-CN': '手工' } },
];

/**
 * A dated exchange rate: one unit of `currency` is worth `rate` units of the base currency from
 * `effectiveDate` on (until a later rate of the same currency). Administrators maintain them.
 */
export const exchangeRates: ObjectDefinition = {
  name: 'exchangeRates',
  isHiddenFromMenu: true,
  label: { en: 'Exchange rate', 'zh-CN': '汇率' },
  labelPlural: { en: 'Exchange rates', 'zh-CN': '汇率' },
  table: 'exchange_rates',
  titleField: 'currency',
  access: { default: 'publicRead' },
  fields: [
    { name: 'currency', type: 'text', label: { en: 'Currency', 'zh-CN': '币种' }, isRequired: true, isIndexed: true, maxLength: 3 },
    { name: 'rate', type: 'number', label: { en: 'Rate to the base currency', 'zh-CN': '折合本位币汇率' }, isRequired: true },
    { name: 'effectiveDate', type: 'date', label: { en: 'Effective from', 'zh-CN': '生效日期' }, isRequired: true, isIndexed: true },
  ],
};

/**
 * A sales target for a person (`assigneeId`) or a team (`teamId`) over a period, with its split by
 * region and month (`plan`: the regions and, for a split by hand, the amounts) and the deal size and
 * win rate the planner uses instead of the history when set.
 */
export const quotas: ObjectDefinition = {
  name: 'quotas',
  isOutOfGlobalSearch: true,
  isHiddenFromMenu: true,
  label: { en: 'Quota', 'zh-CN': '配额' },
  labelPlural: { en: 'Quotas', 'zh-CN': '配额' },
  table: 'quotas',
  titleField: 'name',
  access: { default: 'private' },
  fields: [
    { name: 'name', type: 'text', label: { en: 'Name', 'zh-CN': '名称' }, isRequired: true, isSearchable: true, maxLength: 200 },
    { name: 'assigneeId', type: 'owner', label: { en: 'Salesperson', 'zh-CN': '销售人员' }, isIndexed: true },
    { name: 'teamId', type: 'lookup', label: { en: 'Team', 'zh-CN': '团队' }, isIndexed: true },
    { name: 'periodType', type: 'select', label: { en: 'Period', 'zh-CN': '周期' }, isRequired: true, default: 'quarter', options: periodTypes },
    { name: 'periodStart', type: 'date', label: { en: 'Period start', 'zh-CN': '周期开始' }, isRequired: true, isIndexed: true },
    { name: 'amount', type: 'currency', label: { en: 'Target', 'zh-CN': '目标金额' }, isRequired: true },
    { name: 'splitMethod', type: 'select', label: { en: 'Split by month', 'zh-CN': '按月分解' }, default: 'even', options: splitMethods },
    { name: 'plan', type: 'json', label: { en: 'Regions and months', 'zh-CN': '区域与月份' } },
    { name: 'averageDealSize', type: 'currency', label: { en: 'Average deal size', 'zh-CN': '平均单笔金额' } },
    { name: 'winRate', type: 'percent', label: { en: 'Win rate', 'zh-CN': '赢单率' } },
  ],
};

/** A weekly copy of the forecast per owner, category and close month, so this week compares with last. */
export const forecastSnapshots: ObjectDefinition = {
  name: 'forecastSnapshots',
  isHiddenFromMenu: true,
  label: { en: 'Forecast snapshot', 'zh-CN': '预测快照' },
  labelPlural: { en: 'Forecast snapshots', 'zh-CN': '预测快照' },
  table: 'forecast_snapshots',
  titleField: 'weekOf',
  access: { default: 'private' },
  fields: [
    { name: 'weekOf', type: 'date', label: { en: 'Week of', 'zh-CN': '所在周' }, isRequired: true, isIndexed: true, isReadOnly: true },
    { name: 'month', type: 'date', label: { en: 'Close month', 'zh-CN': '成交月份' }, isRequired: true, isIndexed: true, isReadOnly: true },
    { name: 'category', type: 'select', label: { en: 'Forecast category', 'zh-CN': '预测类别' }, isRequired: true, options: forecastCategories, isReadOnly: true },
    { name: 'dealCount', type: 'number', label: { en: 'Deals', 'zh-CN': '商机数' }, isReadOnly: true },
    { name: 'amount', type: 'currency', label: { en: 'Amount', 'zh-CN': '金额' }, isReadOnly: true },
    { name: 'weightedAmount', type: 'currency', label: { en: 'Weighted amount', 'zh-CN': '加权金额' }, isReadOnly: true },
  ],
};
