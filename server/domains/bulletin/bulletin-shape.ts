// The bulletin's answers beside the announcement records (who has read one, the unread count, a
// read mark): one definition, free of imports, that the server builds and the web app reads.

/** Who has read an announcement and who of its audience has not (for those who may edit it). */
export interface Receipts {
  read: Array<{ userId: string; name: string; readAt: string }>;
  notRead: Array<{ userId: string; name: string }>;
}

export interface UnreadCount {
  count: number;
}
