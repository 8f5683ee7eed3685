// A person's own settings: display name, language and time zone, stored with their account so every
// device (and the server's e-mails and error messages) uses them.
import { eq, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type, type Static } from 'typebox';
import type { Database } from '../db/index.ts';
import { users } from '../db/schema.ts';
import { invalidField } from '../http/problem.ts';
import type { RequestContext } from './context.ts';

export const preferencesSchema = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 200, pattern: '\\S' })),
    locale: Type.Optional(Type.Enum(['en', 'zh-CN'])),
    timeZone: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: 'an IANA time zone, e.g. Asia/Shanghai' })),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type Preferences = Static<typeof preferencesSchema>;

/** Whether the runtime knows the IANA time zone. */
function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** Stores the caller's own settings. */
export async function updatePreferences(db: Database, ctx: RequestContext, body: Preferences): Promise<void> {
  if (body.timeZone && !isTimeZone(body.timeZone)) throw invalidField('timeZone', 'unknown_time_zone', 'Choose a time zone such as Asia/Shanghai.');
  await db.orm
    .update(users)
    .set({ ...body, ...(body.name ? { name: body.name.trim() } : {}), version: sql`${users.version} + 1`, updatedAt: new Date(), updatedBy: ctx.userId })
    .where(eq(users.id, ctx.userId));
}

/** Registers PATCH /api/v1/auth/me; `describe` gives the answer (the same shape as GET). */
export function registerPreferenceRoutes(app: FastifyInstance, db: Database, describe: (ctx: RequestContext) => Promise<unknown>): void {
  app.withTypeProvider<TypeBoxTypeProvider>().patch(
    '/api/v1/auth/me',
    { schema: { tags: ['Authentication'], summary: 'Change your name, language or time zone', body: preferencesSchema } },
    async (request) => {
      await updatePreferences(db, request.ctx, request.body);
      return { user: await describe(request.ctx) };
    },
  );
}
