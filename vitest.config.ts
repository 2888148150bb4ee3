import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    environment: 'node',
    testTimeout: 30_000,
    // The JSON report lets .ci/run print a plain "N passed, N failed" closing line.
    reporters: ['default', 'json'],
    outputFile: { json: 'test-results/vitest.json' },
    projects: [
      {
        extends: true,
        test: { name: 'node', include: ['src/**/*.test.ts', 'tests/**/*.test.ts'], exclude: ['tests/e2e/**'], globalSetup: ['tests/cli/buildRunner.globalSetup.ts'] },
      },
      // Browser tests one file at a time: each builds the app and drives Chromium, and two at once on two cores
      // starve each other (the responsiveness test measures the page's frame gaps).
      // expect.poll's default 1 s is too short for a worker's answer and the render after it on a loaded machine.
      { extends: true, test: { name: 'e2e', include: ['tests/e2e/**/*.test.ts'], fileParallelism: false, expect: { poll: { timeout: 15_000 } } } },
    ],
  },
});
