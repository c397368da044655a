import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'tests/unit/**/*.test.ts', 'scripts/**/*.test.ts'],
    environment: 'node',
    // Property tests and fuzzers share two cores with the build in CI.
    testTimeout: 30_000,
    allowOnly: false,
  },
});
