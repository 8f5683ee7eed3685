// A few calendar events for the demo company, in Chinese and English: a weekly team meeting that
// repeats, visits and calls about demo accounts, spread over the week the demo is loaded.
import { createRecord, type Caller } from '../../records/index.ts';

const HOUR = 3_600_000;

/** The Monday 00:00 UTC of the week of `now`. */
function weekStart(now: Date): number {
  const day = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return day - ((new Date(day).getUTCDay() + 6) % 7) * 24 * HOUR;
}

/** Creates the demo events (in the caller's transaction), owned by the given team members, about the given accounts. */
export async function seedCalendarDemo(c: Caller, input: { team: string[]; accountIds: string[]; now: Date }): Promise<void> {
  const monday = weekStart(input.now);
  const [boss, ...reps] = input.team;
  const at = (day: number, hourUtc: number) => new Date(monday + day * 24 * HOUR + hourUtc * HOUR).toISOString();
  const account = (i: number) => (input.accountIds[i] ? { relatedObject: 'accounts', relatedId: input.accountIds[i] } : {});
  const events = [
    { subject: '销售周会', type: 'meeting', startAt: at(0, 1), endAt: at(0, 2), timeZone: 'Asia/Shanghai', rrule: 'FREQ=WEEKLY;BYDAY=MO', location: '会议室 A', ownerId: boss, attendeeUserIds: reps },
    { subject: '拜访客户：方案讲解', type: 'visit', startAt: at(1, 2), endAt: at(1, 4), timeZone: 'Asia/Shanghai', location: '客户办公室', ownerId: reps[0] ?? boss, reminderMinutes: 60, ...account(0) },
    { subject: 'Pricing call', type: 'call', startAt: at(2, 8), endAt: at(2, 8.5), timeZone: 'Asia/Singapore', ownerId: reps[1] ?? boss, reminderMinutes: 15, ...account(1) },
    { subject: 'Quarterly review', type: 'meeting', startAt: at(3, 6), endAt: at(3, 7), timeZone: 'Asia/Shanghai', ownerId: reps[2] ?? boss, ...account(2) },
    { subject: '合同签署', type: 'other', startAt: at(4, 3), endAt: at(4, 4), timeZone: 'Asia/Shanghai', ownerId: reps[3] ?? boss, ...account(3) },
  ];
  for (const event of events) await createRecord(c, 'calendarEvents', event);
}
