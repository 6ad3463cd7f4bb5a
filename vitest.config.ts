import {defineConfig} from 'vitest/config'

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    exclude: ['tests/e2e/**', 'tests/pg/**', 'node_modules/**'],
    // Generous: tests assert order and results, never speed, and must pass on a shared machine
    // with both cores busy (issue #13: the load and memory rounds took over 60 s there). A hang
    // still fails, only later.
    testTimeout: 600_000,
    hookTimeout: 600_000,
  },
})
