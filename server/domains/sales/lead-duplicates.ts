// The duplicate check of a lead against other leads, contacts and accounts, by e-mail, phone and
// company name. It never blocks a write: the lead carries a flag (judged over every record), and the
// matches themselves are listed per viewer, through the engine, so nobody learns of a record they may not read.
import { sql, type SQL } from 'drizzle-orm';
import type { Database } from '../../platform/db/index.ts';
import { codecOf, definitionFor, getRecord, listRecords, type Caller, type FieldDefinition, type RecordValues } from '../../records/index.ts';
import type { LeadMatch } from './lead-shape.ts';

type Filter = NonNullable<Parameters<typeof listRecords>[2]['filter']>;

const text = (value: unknown) => (typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined);

const phoneField: FieldDefinition = { name: 'phone', type: 'phone', label: { en: 'Phone', 'zh-CN': '电话' } };

/** A phone number as stored (E.164), whether given as typed or as read ({ e164, original }). */
export function phoneE164(value: unknown): string | undefined {
  if (value && typeof value === 'object' && 'e164' in value) return String(value.e164);
  if (text(value) === undefined) return undefined;
  try {
    const [e164] = codecOf(phoneField).encode!(value, phoneField) as [string | null, string | null];
    return e164 ?? undefined;
  } catch {
    return undefined; // not a phone number: nothing to compare
  }
}

const filledPairs = (entries: Array<[string, string | undefined]>) => entries.filter((e): e is [string, string] => e[1] !== undefined);

/** What a lead is compared on, per object: [field of the other object, the lead's value]. */
function comparisons(lead: RecordValues): Record<'leads' | 'contacts' | 'accounts', Array<[string, string]>> {
  const [email, phone, company] = [text(lead.email), phoneE164(lead.phone), text(lead.company)];
  return {
    leads: filledPairs([['email', email], ['phone', phone], ['company', company]]),
    contacts: filledPairs([['email', email], ['phone', phone], ['mobile', phone]]),
    accounts: filledPairs([['name', company], ['email', email], ['phone', phone]]),
  };
}

/** Whether any live record (whoever may read it) shares the lead's e-mail, phone or company; for the flag. */
export async function hasDuplicates(db: Database, id: string, lead: RecordValues): Promise<boolean> {
  const checks: SQL[] = [];
  for (const [object, pairs] of Object.entries(comparisons(lead))) {
    const self = object === 'leads' ? sql` and id <> ${id}::uuid` : sql``;
    for (const [field, value] of pairs) {
      // E-mails are stored lower-case and phones as E.164, so those compare as they are (indexes apply).
      const isName = field === 'company' || field === 'name';
      const column = sql.identifier(field);
      const condition = isName ? sql`lower(${column}) = lower(${value})` : sql`${column} = ${field === 'email' ? value.toLowerCase() : value}`;
      checks.push(sql`exists (select 1 from ${sql.identifier(object)} where deleted_at is null and ${condition}${self})`);
    }
  }
  if (checks.length === 0) return false;
  const [row] = await db.rows<{ found: boolean }>(sql`select (${sql.join(checks, sql` or `)}) as found`);
  return Boolean(row?.found);
}

/** A record that matches a lead (the web's name for it is `LeadMatch`). */
export type DuplicateMatch = LeadMatch;

const MAX_MATCHES_PER_OBJECT = 20;

/** The records the caller may read that match the lead (404 for a lead they cannot read). */
export async function findDuplicates(c: Caller, leadId: string): Promise<DuplicateMatch[]> {
  const lead = await getRecord(c, 'leads', leadId);
  const matches: DuplicateMatch[] = [];
  for (const [object, compared] of Object.entries(comparisons(lead)) as Array<[DuplicateMatch['object'], Array<[string, string]>]>) {
    // Only what the caller may read, on fields they may see: a hidden field is never matched on.
    const def = definitionFor(c, c.registry.get(object));
    const pairs = compared.filter(([field]) => def?.fields.some((f) => f.name === field));
    if (!def || pairs.length === 0) continue;
    const filter: Filter = { kind: 'or', items: pairs.map(([field, value]) => ({ kind: 'compare', path: [field], op: 'eq', value })) };
    const found = await listRecords(c, object, { filter, limit: MAX_MATCHES_PER_OBJECT });
    for (const record of found.data) {
      if (object === 'leads' && record.id === leadId) continue;
      const valueOf = (field: string) => (field === 'phone' || field === 'mobile' ? phoneE164(record[field]) : text(record[field]));
      const fields = pairs.filter(([field, value]) => valueOf(field)?.toLowerCase() === value.toLowerCase()).map(([field]) => field);
      matches.push({ object, id: String(record.id), title: String(record[def.titleField] ?? ''), fields });
    }
  }
  return matches;
}
