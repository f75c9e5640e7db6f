import { defineConfig } from 'drizzle-kit';

/** drizzle-kit reads this to turn server/db/schema.ts into SQL migrations. */
export default defineConfig({
  dialect: 'postgresql',
  schema: './server/db/schema.ts',
  out: './server/db/migrations',
});
