import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { cliErrorLine } from './cli-error';
import { startPreview } from './host';

// `npm run preview -- --port N [--api URL] [--data-dir DIR] [--language en-GB] [--config FILE]`
const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '5180' },
    host: { type: 'string', default: '127.0.0.1' },
    api: { type: 'string' },
    'data-dir': { type: 'string' },
    language: { type: 'string' },
    config: { type: 'string', multiple: true },
  },
});

const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`--port must be a port number, got "${values.port}"`);
  process.exit(2);
}
const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

const preview = await startPreview({
  port,
  host: values.host,
  apiUrl: values.api,
  dataDir: values['data-dir'] ?? join(tmpdir(), 'hallo-agent-preview'),
  rendererDir: fileURLToPath(new URL('../../out/renderer', import.meta.url)),
  systemLanguages: values.language ? [values.language] : [Intl.DateTimeFormat().resolvedOptions().locale],
  configFiles: values.config ?? [],
  appVersion: pkg.version,
}).catch((error: unknown) => {
  console.error(cliErrorLine('preview', error));
  process.exit(1);
});

console.log(`hallo, preview on ${preview.url}`);
console.log(`hallo, API: ${preview.api.url}${preview.api.portalToken ? ` (reference, portal token ${preview.api.portalToken})` : ''}`);
console.log(`READY ${JSON.stringify({ url: preview.url, api: preview.api })}`);

let closing = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (closing) return;
    closing = true;
    void preview.close().finally(() => process.exit(0));
  });
}
