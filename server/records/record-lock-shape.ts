// The answer of `GET /{object}/{id}/lock`: one definition, free of imports, that the server builds
// and the web app reads (the record page's buttons, the list's cell editor).

/** Whether changes to the record are refused now, and why (in the caller's language); the caller's rights on it. */
export interface RecordLock {
  isLocked: boolean;
  /** The refusal's stable code, e.g. `record-locked`. */
  code: string | null;
  detail: string | null;
  /** The caller's access lets them change this record (a lock refuses it meanwhile). */
  canEdit: boolean;
  canDelete: boolean;
  canChangeOwner: boolean;
}
