// Who is calling. Every service takes this instead of reading the request, so the same code serves
// HTTP, the CLI and jobs, and access control has one place to look.

export interface RequestContext {
  userId: string;
  isAdmin: boolean;
  /** The API key used, when the caller authenticated with one. */
  apiKeyId?: string;
  locale: 'en' | 'zh-CN';
}

/** The context of work the system does by itself (seeding, purging, migrations). */
export function systemContext(userId: string): RequestContext {
  return { userId, isAdmin: true, locale: 'en' };
}
