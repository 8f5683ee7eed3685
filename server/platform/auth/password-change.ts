// Changing one's own password while signed in: the new password replaces the old, outstanding reset
// links are spent and every other session ends; the session that made the change and the user's
// API keys stay (keys are revoked one by one, on purpose).
import { eq } from 'drizzle-orm';
import type { Database } from '../db/index.ts';
import { users } from '../db/schema.ts';
import { hashPassword } from './passwords.ts';
import { spendResetTokens } from './password-reset.ts';
import { endOtherSessions, stampReauthentication } from './sessions.ts';

/** Sets the new password (already checked) and ends the user's other sessions; returns how many ended. */
export async function changePassword(db: Database, input: { userId: string; sessionId: string; newPassword: string; now: Date }): Promise<number> {
  const passwordHash = await hashPassword(input.newPassword);
  return db.transaction(async (tx) => {
    await tx.orm.update(users).set({ passwordHash, passwordChangedAt: input.now }).where(eq(users.id, input.userId));
    await spendResetTokens(tx, input.userId, input.now);
    // Typing the current password proved who this is.
    await stampReauthentication(tx, input.sessionId, input.now);
    return endOtherSessions(tx, input.userId, input.sessionId);
  });
}
