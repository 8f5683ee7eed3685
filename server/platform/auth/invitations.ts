// Invitations: an administrator makes a one-time link with which a user chooses their password — a
// new user's first, or a new one for someone locked out. It is a password-reset token valid for
// seven days; the link is mailed when mail is configured and always shown to the administrator, who
// can pass it on. Like the reset link, the token travels in the fragment (#token=…).
import { and, eq, isNull } from 'drizzle-orm';
import type { Database } from '../db/index.ts';
import { users } from '../db/schema.ts';
import type { Mailer } from '../mail/mailer.ts';
import { invitationMail } from '../mail/templates.ts';
import { issueResetToken } from './password-reset.ts';

export const INVITATION_VALID_DAYS = 7;

/** The link an invitation carries; the web app's /invite page reads the token from it. */
export const invitationLink = (publicUrl: string, token: string) => `${publicUrl}/invite#token=${token}`;

export interface Invitation {
  link: string;
  expiresAt: string;
  email: string;
  /** Whether the link was mailed to the user (mail is configured and the mail server took it). */
  isMailed: boolean;
}

/**
 * Makes an invitation link for an active user, mailing it when mail is configured; undefined when
 * there is no such active user. `onMailError` hears of a mail that could not be sent.
 */
export async function issueInvitation(
  db: Database,
  mailer: Mailer,
  input: { userId: string; publicUrl: string; now: Date },
  onMailError: (error: unknown) => void = () => {},
): Promise<Invitation | undefined> {
  const [user] = await db.orm
    .select({ id: users.id, email: users.email, name: users.name, locale: users.locale })
    .from(users)
    .where(and(eq(users.id, input.userId), eq(users.isActive, true), isNull(users.deletedAt)));
  if (!user) return undefined;
  const { token, expiresAt } = await issueResetToken(db, user.id, INVITATION_VALID_DAYS * 24 * 60, input.now);
  const link = invitationLink(input.publicUrl, token);
  let isMailed = false;
  if (mailer.isConfigured) {
    try {
      await mailer.send(invitationMail(user, link, INVITATION_VALID_DAYS));
      isMailed = true;
    } catch (error) {
      onMailError(error); // the administrator still gets the link to pass on
    }
  }
  return { link, expiresAt: expiresAt.toISOString(), email: user.email, isMailed };
}
