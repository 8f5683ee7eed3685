// The quote editor's exchange (`GET`/`PUT /quotes/{id}/lines`): the lines it sends and the quote with
// its lines it gets back: one definition, free of imports, that the server uses and the web app reads.
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

