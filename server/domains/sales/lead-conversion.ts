// Converting a lead: an account (or the matched one the rep chose), a contact and optionally an
// opportunity, and the lead marked converted with links to them — in one transaction, with the
// caller's own access, so a refusal of any part leaves nothing behind.
import { invalidField } from '../../platform/http/problem.ts';
import { createRecord, getRecord, systemCaller, updateRecord, writeTransaction, type Caller, type RecordValues } from '../../records/index.ts';
import type { ConversionInput, ConversionResult as LeadConversion } from './lead-shape.ts';

export type { ConversionInput } from './lead-shape.ts';
/** The records a conversion made or changed. */
export type ConversionResult = LeadConversion<RecordValues>;

/** A phone as a write takes it: the number as typed, from a read's { e164, original }. */
const phoneInput = (value: unknown) => (value && typeof value === 'object' && 'original' in value ? String(value.original) : value);

const present = (value: unknown) => (value === null || value === undefined || value === '' ? undefined : value);

/** Keeps only set values, so a lead's blanks never overwrite a field's default. */
function compact(values: RecordValues): RecordValues {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => present(v) !== undefined));
}

/** Converts a lead the caller may edit; all or nothing. */
export async function convertLead(c: Caller, leadId: string, input: ConversionInput): Promise<ConversionResult> {
  return writeTransaction(c, async (t) => {
    const lead = await getRecord(t, 'leads', leadId);
    if (lead.status === 'converted') throw invalidField('status', 'already_converted', 'This lead is already converted.');
    const account = input.accountId
      ? await getRecord(t, 'accounts', input.accountId)
      : await createRecord(
          t,
          'accounts',
          compact({ name: present(lead.company) ?? lead.name, industry: lead.industry, phone: phoneInput(lead.phone), email: lead.email, city: lead.city, province: lead.province }),
        );
    const contact = await createRecord(t, 'contacts', compact({ name: lead.name, accountId: account.id, email: lead.email, phone: phoneInput(lead.phone) }));
    const opportunity =
      input.isCreatingOpportunity === false
        ? null
        : await createRecord(t, 'opportunities', compact({ name: present(input.opportunityName) ?? `${String(account.name)} – ${String(lead.name)}`, accountId: account.id, contactId: contact.id, source: lead.source }));
    // The caller must be able to edit the lead; the links and the status are the system's to write.
    await updateRecord(t, 'leads', leadId, {}, input.version);
    await updateRecord(systemCaller(t, t.ctx.userId), 'leads', leadId, {
      status: 'converted',
      convertedAt: new Date().toISOString(),
      convertedAccountId: account.id,
      convertedContactId: contact.id,
      convertedOpportunityId: opportunity?.id ?? null,
    });
    // Read back as the caller: their field security applies to the answer.
    return { lead: await getRecord(t, 'leads', leadId), account, contact, opportunity };
  });
}
