// A relationship goes to the recycle bin with either of its ends, at the same moment, so it comes
// back when that end is restored and is purged with it 30 days later. Bookkeeping like the sales
// module's staleness: the relationship's version and change log are left alone, since nobody
// edited it.
import { sql } from 'drizzle-orm';
import type { WrittenRecord } from '../../records/index.ts';

// A relationship that follows its end is stamped with the end's deletion time (now(): the transaction's
// start, which the engine just wrote) cut to the millisecond, the precision timestamps travel with. A
// restore brings back only relationships with such a whole-millisecond stamp within a millisecond of
// the end's: one deleted on its own a moment earlier carries its microseconds and stays deleted.
const SAME_MOMENT_SECONDS = 0.0015;

/** The `afterWrite` of accounts and contacts: their relationships follow a delete or a restore. */
export async function followEnd(write: WrittenRecord): Promise<void> {
  const { caller, object, id, action } = write;
  const touches = sql`((r.from_object = ${object.name} and r.from_id = ${id}::uuid) or (r.to_object = ${object.name} and r.to_id = ${id}::uuid))`;
  if (action === 'delete') {
    await caller.db.rows(sql`update relationships r set deleted_at = date_trunc('milliseconds', now()), deleted_by = ${caller.ctx.userId}::uuid
      where ${touches} and r.deleted_at is null`);
  } else if (action === 'restore' && typeof write.before?.deletedAt === 'string') {
    await caller.db.rows(sql`update relationships r set deleted_at = null, deleted_by = null
      where ${touches} and r.deleted_at = date_trunc('milliseconds', r.deleted_at)
      and abs(extract(epoch from r.deleted_at - ${write.before.deletedAt}::timestamptz)) < ${SAME_MOMENT_SECONDS}
      -- the other end may still be in the bin
      and not exists (select 1 from accounts a where a.deleted_at is not null and ((r.from_object = 'accounts' and a.id = r.from_id) or (r.to_object = 'accounts' and a.id = r.to_id)))
      and not exists (select 1 from contacts c where c.deleted_at is not null and ((r.from_object = 'contacts' and c.id = r.from_id) or (r.to_object = 'contacts' and c.id = r.to_id)))`);
  }
}
