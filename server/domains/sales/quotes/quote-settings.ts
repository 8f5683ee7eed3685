// The quote settings administrators choose: the discount above which a quote needs the approval of
// the owner's manager. One JSON value in the organisation's settings; a change is audited.
import { eq } from 'drizzle-orm';
import type { Database } from '../../../platform/db/index.ts';
import { logAuditEvent } from '../../../platform/audit/audit.ts';
import { orgSettings } from '../../../workspace/schema.ts';
import type { QuoteSettings } from './quote-shape.ts';

export type { QuoteSettings } from './quote-shape.ts';

export const QUOTE_SETTINGS_KEY = 'sales.quotes';

const defaults: QuoteSettings = { discountApprovalThreshold: 20, companyName: 'Guanxi CRM', brandColor: '#1c7ed6' };

/** The quote settings (defaults for what an administrator has not chosen). */
export async function readQuoteSettings(db: Database): Promise<QuoteSettings> {
  const [row] = await db.orm.select({ value: orgSettings.value }).from(orgSettings).where(eq(orgSettings.key, QUOTE_SETTINGS_KEY));
  return { ...defaults, ...(row?.value as Partial<QuoteSettings> | undefined) };
}

/** Stores the quote settings and audits the change, in one transaction. */
export async function writeQuoteSettings(db: Database, actorId: string, settings: QuoteSettings): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.orm
      .insert(orgSettings)
      .values({ key: QUOTE_SETTINGS_KEY, value: settings, updatedBy: actorId })
      .onConflictDoUpdate({ target: orgSettings.key, set: { value: settings, updatedBy: actorId, updatedAt: new Date() } });
    await logAuditEvent(tx, { actorId, action: 'settings.update', target: QUOTE_SETTINGS_KEY, details: settings as unknown as Record<string, unknown> });
  });
}
