import { defineConfig } from 'drizzle-kit';

// Only the fixed system tables live in Drizzle; record tables are created from object definitions.
export default defineConfig({
  dialect: 'postgresql',
  schema: './server/platform/db/schema.ts',
  out: './server/platform/db/migrations',
});
