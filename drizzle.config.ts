import { defineConfig } from 'drizzle-kit';

// Only the fixed system tables live in Drizzle; record tables are created from object definitions.
// Each module keeps its own tables in a `schema.ts` beside its code; one migration history covers all.
export default defineConfig({
  dialect: 'postgresql',
  schema: './server/**/schema.ts',
  out: './server/platform/db/migrations',
});
