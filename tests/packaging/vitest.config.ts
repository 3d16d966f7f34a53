import { defineConfig } from 'vitest/config';

// `npm run test:packaging`: slow (builds the app), so kept out of the unit run.
export default defineConfig({
  test: {
    include: ['tests/packaging/**/*.test.ts'],
    environment: 'node',
    testTimeout: 300_000,
    hookTimeout: 600_000,
  },
});
