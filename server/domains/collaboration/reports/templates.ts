// The templates every installation starts with: a daily and a weekly report with their questions in
// Chinese and English. Created once; an administrator's later changes (or deletions) are left alone.
import { sql } from 'drizzle-orm';
import { createRecord, type Caller } from '../../../records/index.ts';

const label = (zh: string, en: string) => ({ en, 'zh-CN': zh });

export const defaultTemplates = [
  {
    name: '日报 Daily report',
    kind: 'daily',
    deadlineTime: '18:00',
    remindMinutesBefore: 30,
    questions: [
      { key: 'done', label: label('今日完成', 'Done today'), isRequired: true },
      { key: 'plan', label: label('明日计划', 'Plan for tomorrow'), isRequired: true },
      { key: 'help', label: label('需要的支持', 'Help needed') },
    ],
  },
  {
    name: '周报 Weekly report',
    kind: 'weekly',
    deadlineTime: '18:00',
    deadlineWeekday: 5,
    remindMinutesBefore: 30,
    questions: [
      { key: 'highlights', label: label('本周重点', 'Highlights of the week'), isRequired: true },
      { key: 'risks', label: label('风险与问题', 'Risks and issues') },
      { key: 'nextWeek', label: label('下周计划', 'Plan for next week'), isRequired: true },
    ],
  },
];

/** Creates the default templates when there has never been one (the module's seed, at every start). */
export async function seedWorkReportTemplates(c: Caller): Promise<void> {
  const [any] = await c.db.rows(sql`select 1 as x from work_report_templates limit 1`);
  if (any) return;
  // Nobody owns them: they belong to the installation (only the system may write that).
  for (const template of defaultTemplates) await createRecord(c, 'workReportTemplates', { ...template, ownerId: null });
}
