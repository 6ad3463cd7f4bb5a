import {defineConfig} from 'vitest/config'

// The PostgreSQL store's tests against a real server. Run by `npm run test:pg`, which starts a
// throw-away server (scripts/pg/with-postgres.sh) and sets BRIEFCHECK_PG_URL; the main
// vitest.config.ts excludes this folder so `npm test` never needs PostgreSQL.
export default defineConfig({
  test: {
    root: new URL('../..', import.meta.url).pathname,
    include: ['tests/pg/**/*.pg.test.ts'],
    // One database server for all files; each file works in a database of its own.
    fileParallelism: false,
    testTimeout: 300_000,
    hookTimeout: 300_000,
  },
})
