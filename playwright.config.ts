import { defineConfig } from '@playwright/test';

// End-to-end: Debian's Chromium (Playwright cannot download its own here) driving the preview
// host, which runs the real agent against the reference API. Each spec file starts its own.
export default defineConfig({
  testDir: 'tests/e2e',
  outputDir: 'test-results',
  workers: 1, // two shared cores: one browser at a time keeps the runs steady
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: [['list']],
  use: {
    browserName: 'chromium',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
        '--disable-sync',
      ],
    },
    viewport: { width: 380, height: 720 },
    trace: 'retain-on-failure',
  },
});
