// What a lead's duplicate check answers and what converting a lead takes and gives back: one
// definition, free of imports, that the server uses and the web app reads. `R` is how each side types
// a record of the engine.

/** A record that matches a lead (by e-mail, phone or company). */
export interface LeadMatch {
  object: 'leads' | 'contacts' | 'accounts';
  id: string;
  title: string;
  /** The fields that matched. */
  fields: string[];
}

export interface ConversionInput {
  /** An existing account to attach the contact (and opportunity) to, instead of creating one. */
  accountId?: string;
  /** Create an opportunity too (default true). */
  isCreatingOpportunity?: boolean;
  opportunityName?: string;
  /** The lead's version the rep saw (If-Match). */
  version?: number;
}

export interface ConversionResult<R = Record<string, unknown>> {
  lead: R;
  account: R;
  contact: R;
  opportunity: R | null;
}
