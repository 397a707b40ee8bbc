import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Real processes (kubectl, the control plane) compete for two cores; keep files parallel but bounded.
    maxWorkers: 2,
  },
});
