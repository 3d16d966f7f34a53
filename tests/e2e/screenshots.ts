import { join } from 'node:path';

// The pictures README.md shows. The specs take them on every run but write them to test-results/
// (ignored), so that `npm test` leaves the work tree as it found it; only `npm run screenshots`
// copies them over the committed ones (tests/e2e/refresh-screenshots.ts).
export const README_SCREENSHOTS = ['popup-nl-light.png', 'popup-nl-dark.png', 'popup-en-light.png', 'report-nl.png', 'thread-nl-light.png', 'thread-nl-dark.png', 'restart-nl.png'] as const;
export type ReadmeScreenshot = (typeof README_SCREENSHOTS)[number];

/** Where the committed pictures live (README.md links them). */
export const README_SCREENSHOTS_DIR = 'tests/e2e/screenshots';
/** Where a test run writes them: inside playwright's outputDir, which each run empties first. */
export const TAKEN_SCREENSHOTS_DIR = 'test-results/screenshots';

export const screenshotPath = (name: ReadmeScreenshot) => join(TAKEN_SCREENSHOTS_DIR, name);
