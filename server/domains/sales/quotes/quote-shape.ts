// The quote editor's exchange (`GET`/`PUT /quotes/{id}/lines`): the lines it sends and the quote with
// its lines it gets back; and the quote settings administrators choose. One definition, free of imports, that the server uses and the web app reads.
// `R` is how each side types a record of the engine.

/** A line as the editor saves it. */
export interface LineInput {
  id?: string;
  productId: string;
  quantity: number;
  /** Typed by hand; null or absent: the price book's. */
  unitPrice?: string | null;
  discountPercent?: number;
  description?: string | null;
}

/** A quote with its lines, in order, as the editor shows it. */
export interface QuoteWithLines<R = Record<string, unknown>> {
  quote: R;
  lines: R[];
}


/** The quote settings administrators choose (`/sales/settings/quotes`). */
export interface QuoteSettings {
  /** Percent: a quote whose largest discount is above it needs approval before it is sent. */
  discountApprovalThreshold: number;
  /** The company name printed at the top of quote PDFs (the organisation's name when empty). */
  companyName: string;
  /** The brand colour of quote PDFs, `#rrggbb`. */
  brandColor: string;
}
