// Web-to-lead: a form on the organisation's own web site posts a visitor's details here, without any
// sign-in. What keeps robots and floods out: a hidden field people never fill (the honeypot), a
// minimum time between showing the form and sending it, a per-IP hourly limit, and browsers may post
// only from the sites the administrator allows (CORS). The lead is routed by the assignment rules.
import { sql } from 'drizzle-orm';
import type { Database } from '../../platform/db/index.ts';
import { invalidField, Problem } from '../../platform/http/problem.ts';
import { countWithinLimit } from '../../platform/auth/throttle.ts';
import { createRecord, systemCaller, writeTransaction, type Caller, type RecordValues } from '../../records/index.ts';
import { assignLead } from './lead-assignment.ts';
import { readCapture, type CaptureSettings } from './lead-settings.ts';

/** The form's own fields, next to the lead fields the administrator chose. */
export const HONEYPOT_FIELD = '_hp';
export const FILL_TIME_FIELD = '_fillMs';
const UTM_FIELDS = ['utmSource', 'utmMedium', 'utmCampaign'] as const;
const HOUR_MS = 3_600_000;

/** Whether a browser on `origin` may post the form (no Origin header: not a browser's cross-site post). */
export function isOriginAllowed(settings: CaptureSettings, origin: string | undefined): boolean {
  if (origin === undefined) return true;
  return settings.allowedOrigins.some((allowed) => allowed.toLowerCase() === origin.toLowerCase());
}

export type CaptureOutcome = { kind: 'created'; id: string } | { kind: 'ignored' };

export interface Submission {
  body: Record<string, string>;
  ip: string;
  origin: string | undefined;
  now: Date;
}

/** The lead values of a submission; refuses any field the form does not accept. */
function leadValues(settings: CaptureSettings, body: Record<string, string>): RecordValues {
  const accepted = new Set<string>([...settings.fields, ...UTM_FIELDS]);
  const values: RecordValues = { source: 'web', status: 'new' };
  for (const [key, raw] of Object.entries(body)) {
    if (key === HONEYPOT_FIELD || key === FILL_TIME_FIELD) continue;
    if (!accepted.has(key)) throw invalidField(key, 'unknown_field', 'This form does not take this field.');
    const value = raw.trim();
    if (value !== '') values[key] = value;
  }
  return values;
}

/** The user a web lead is recorded as created by (and owned by when no rule or default owner takes it). */
async function firstAdministrator(db: Database): Promise<string> {
  const [row] = await db.rows<{ id: string }>(sql`select u.id from users u join roles r on r.id = u.role_id
    where r.key = 'administrator' and u.is_active order by u.created_at, u.id limit 1`);
  if (!row) throw new Problem(404, { key: 'detail.leadFormClosed' });
  return row.id;
}

/**
 * Takes one web-to-lead submission: checks the form is open, the origin, the rate, the honeypot and
 * the fill time, then creates the lead (routed) as the system. A robot filling the honeypot is told
 * it succeeded, so it learns nothing, and nothing is stored.
 */
export async function captureLead(base: Pick<Caller, 'db' | 'registry' | 'log'>, submission: Submission, captureSettings?: CaptureSettings): Promise<CaptureOutcome> {
  const { db } = base;
  const settings = captureSettings ?? (await readCapture(db));
  if (!settings.isEnabled) throw new Problem(404, { key: 'detail.leadFormClosed' });
  if (!isOriginAllowed(settings, submission.origin)) throw new Problem(403, { key: 'detail.leadFormOrigin' });
  if (!(await countWithinLimit(db, `web-to-lead:ip:${submission.ip}`, settings.maxPerHour, HOUR_MS, submission.now))) {
    throw new Problem(429, { key: 'detail.leadFormRateLimited' }, [], { 'Retry-After': String(HOUR_MS / 1000) });
  }
  const { body } = submission;
  if ((body[HONEYPOT_FIELD] ?? '').trim() !== '') return { kind: 'ignored' };
  const fillMs = Number(body[FILL_TIME_FIELD]);
  if (!Number.isFinite(fillMs) || fillMs < settings.minFillSeconds * 1000) {
    throw invalidField(FILL_TIME_FIELD, 'too_fast', 'The form was sent too fast after it was shown.');
  }
  const values = leadValues(settings, body);
  const lead = await writeTransaction(systemCaller(base, await firstAdministrator(db)), async (t) => {
    const assignment = await assignLead(t.db, values);
    const ownerId = assignment?.ownerId ?? t.ctx.userId;
    return createRecord(t, 'leads', { ...values, ownerId });
  });
  return { kind: 'created', id: String(lead.id) };
}
