// E-mail delivery of notifications: a job every minute sends what people chose to get by e-mail, in
// their language, after checking once more that they may still see the record.
import { eq, sql } from 'drizzle-orm';
import type { Database } from '../platform/db/index.ts';
import { users } from '../platform/db/schema.ts';
import { loadRequestContext } from '../platform/access/load-context.ts';
import type { Mailer } from '../platform/mail/mailer.ts';
import { defineJob, type JobDefinition } from '../platform/jobs/index.ts';
import type { Registry } from '../records/index.ts';
import { notifications } from './schema.ts';
import { present } from './service.ts';

export interface NotificationMailDeps {
  db: Database;
  registry: Registry;
  mailer: Mailer;
  /** The address people open Guanxi at; links in mails start with it. */
  publicUrl: string;
}

const BATCH = 50;
/** A claim older than this is taken to belong to a worker that died; its mails are sent again. */
const CLAIM_TIMEOUT_MS = 10 * 60_000;

/**
 * Sends the pending notification e-mails; returns how many were sent. A batch is claimed in one short
 * statement, then each mail is sent outside any transaction (a slow SMTP server holds no database
 * connection) and marked. Delivery is at least once: a worker that dies after sending but before
 * marking leaves its claim to expire, and the mail goes out again — preferable to losing it.
 */
export async function sendPendingNotificationMails({ db, registry, mailer, publicUrl }: NotificationMailDeps, now = new Date()): Promise<number> {
  if (!mailer.isConfigured) {
    // Without SMTP there is no one to hand them to: they are marked, not retried forever or logged one by one.
    await db.rows(sql`update notifications set email_status = 'skipped', email_claimed_at = null where email_status = 'pending'`);
    return 0;
  }
  const expired = new Date(now.getTime() - CLAIM_TIMEOUT_MS).toISOString();
  // Skip-locked, so two workers claim different rows.
  const claimed = await db.rows<{ id: string }>(sql`update notifications set email_status = 'sending', email_claimed_at = ${now.toISOString()}::timestamptz
    where id in (select id from notifications
      where email_status = 'pending' or (email_status = 'sending' and email_claimed_at < ${expired}::timestamptz)
      order by id limit ${BATCH} for update skip locked)
    returning id`);
  let sent = 0;
  let failure: unknown;
  for (const { id } of claimed.sort((a, b) => a.id.localeCompare(b.id))) {
    const [row] = await db.orm.select().from(notifications).where(eq(notifications.id, id));
    const [user] = await db.orm.select().from(users).where(eq(users.id, row!.userId));
    const ctx = user?.isActive ? await loadRequestContext(db, user.id) : undefined;
    // Access is checked again now: nobody is mailed about a record they can no longer see.
    const [item] = ctx ? await present({ db, registry, ctx }, [row!], ctx.locale) : [];
    let status = 'skipped';
    if (item && user) {
      const link = item.object && item.recordId ? `${publicUrl}/${item.object}/${item.recordId}` : publicUrl;
      const closing = ctx!.locale === 'en' ? 'Open it in Guanxi:' : '在 Guanxi 中查看：';
      const settings = ctx!.locale === 'en' ? 'Choose which notifications you get by e-mail under Settings → Notifications.' : '可在「设置 → 通知」中选择哪些通知发送到邮箱。';
      try {
        await mailer.send({ to: user.email, subject: item.message, text: [item.message, '', closing, link, '', settings].join('\n') });
        status = 'sent';
        sent++;
      } catch (error) {
        // A refusal for good (5xx) is not retried; anything else goes back to pending for the next run.
        const code = (error as { responseCode?: number }).responseCode;
        status = code !== undefined && code >= 500 ? 'failed' : 'pending';
        failure ??= error;
      }
    }
    await db.orm.update(notifications).set({ emailStatus: status, emailClaimedAt: null }).where(eq(notifications.id, id));
  }
  if (failure) throw failure; // the job is marked failed and retried; what was sent stays sent
  return sent;
}

/** The job that sends notification e-mails every minute, once across all workers. */
export function notificationMailJobs(deps: NotificationMailDeps): JobDefinition<any>[] {
  return [
    defineJob<Record<string, never>>({
      name: 'notifications.send-mail',
      schedule: '* * * * *',
      isSingleton: true,
      retryLimit: 3,
      retryBackoff: true,
      retryDelaySeconds: 30,
      expireInSeconds: 300,
      handler: async (_payload, { log }) => {
        const count = await sendPendingNotificationMails(deps);
        if (count) log.info({ count }, 'sent notification e-mails');
      },
    }),
  ];
}
