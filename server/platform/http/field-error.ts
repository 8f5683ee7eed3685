// One field's problem in an error answer: plain data, shared with the web app's own form checks.
export interface FieldError {
  field: string;
  code: string;
  message: string;
  /** The bad value's JSON pointer (RFC 6901) in the request body, where the body is a tree (a JSON filter). */
  pointer?: string;
  /** For `unique_violation`: the record that holds the value, when the caller may read it. */
  existingId?: string;
  /** What the caller's language needs to word the message (limits, formats); not sent. */
  params?: Record<string, unknown>;
}
