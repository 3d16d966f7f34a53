import { resolve } from 'node:path';
import { defineConfig } from 'vitest/config';

// Electron's binary cannot be downloaded here: every test sees `electron` as the test double.
// ESM imports are aliased; CommonJS dependencies (electron-updater) get it through the
// require cache, which tests/doubles/setup-electron.ts fills before any test file loads.
const electronDouble = resolve('tests/doubles/electron.ts');

export default defineConfig({
  resolve: { alias: { electron: electronDouble } },
  test: {
    setupFiles: ['tests/doubles/setup-electron.ts'],
    projects: [
      { extends: true, test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], environment: 'node' } },
      { extends: true, test: { name: 'shell', include: ['tests/shell/**/*.test.ts'], environment: 'node' } },
      {
        extends: true,
        test: { name: 'integration', include: ['tests/integration/**/*.test.ts'], environment: 'node', testTimeout: 30_000 },
      },
    ],
  },
});
