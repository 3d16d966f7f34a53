import { copyFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { README_SCREENSHOTS, README_SCREENSHOTS_DIR, screenshotPath } from './screenshots';

// `npm run screenshots`, after the specs that take them: the README's pictures from this run. A
// picture this run did not take stops it before anything is copied, so that the README never
// shows an old popup next to a new one.
const missing = README_SCREENSHOTS.filter((name) => !existsSync(screenshotPath(name)));
if (missing.length > 0) {
  console.error(`not taken in this run: ${missing.join(', ')} (did every spec pass?)`);
  process.exit(1);
}
for (const name of README_SCREENSHOTS) {
  copyFileSync(screenshotPath(name), join(README_SCREENSHOTS_DIR, name));
  console.log(`${README_SCREENSHOTS_DIR}/${name}`);
}
