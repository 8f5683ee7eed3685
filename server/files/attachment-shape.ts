// A file on a record as the attachments API answers it: one definition, free of imports, that the
// server builds (service.ts) and the web app reads.

export interface Attachment {
  id: string;
  object: string;
  recordId: string;
  fileName: string;
  /** Sniffed from the bytes. */
  contentType: string;
  size: number;
  sha256: string;
  createdBy: string | null;
  createdAt: string;
}

/** A record's files (all of them: `nextCursor` is always null). */
export interface AttachmentList {
  data: Attachment[];
  nextCursor: null;
}
