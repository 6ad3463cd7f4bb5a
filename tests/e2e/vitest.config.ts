import {defineConfig} from 'vitest/config'

// End-to-end tests in real editors (code-server + Chromium, headless Neovim). Run by
// `npm run test:e2e`, which installs the tools (scripts/e2e/install.sh) and packages the
// .vsix first; the main vitest.config.ts excludes this folder so `npm test` never needs them.
export default defineConfig({
  test: {
    root: new URL('../..', import.meta.url).pathname,
    include: ['tests/e2e/**/*.e2e.test.ts'],
    // One editor at a time: on 2 cores, parallel sessions would distort the timings we print.
    fileParallelism: false,
    testTimeout: 180_000,
    hookTimeout: 120_000,
    // Timings and screenshot paths are part of the report, not noise.
    silent: false,
  },
})
