// Two submitted daily reports for the demo company: the reps' reports of the day before, sent to their
// manager, written through the same services as a rep's own (their access, their summary).
import { loadRequestContext } from '../../../platform/access/load-context.ts';
import type { Caller } from '../../../records/index.ts';
import { openDraft, submitReport } from './service.ts';

const answers = [
  { done: '拜访了两家重点客户，确认了下季度的采购需求。', plan: '整理报价单，周四前发给客户。', help: '需要产品部支持一次线上演示。' },
  { done: 'Called three leads from the trade fair; one wants a demo next week.', plan: 'Prepare the demo dataset and send the invitation.' },
];

/** Submits a daily report for each rep for the day before `now` (in the caller's transaction). */
export async function seedWorkReportsDemo(c: Caller, repIds: string[], now: Date): Promise<void> {
  const yesterday = new Date(now.getTime() - 86_400_000).toISOString().slice(0, 10);
  for (const [i, repId] of repIds.entries()) {
    const ctx = await loadRequestContext(c.db, repId);
    if (!ctx) continue;
    const rep: Caller = { ...c, ctx, isSystem: false };
    const { report } = await openDraft(rep, 'daily', yesterday, now);
    await submitReport(rep, String(report.id), { answers: answers[i % answers.length] }, now);
  }
}
