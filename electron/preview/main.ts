import { readFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { isLoopbackAddress } from './bridge';
import { defaultPreviewDataDir } from './data-dir';
import { cliErrorLine } from './cli-error';
import { startPreview } from './host';
import { RESTART_REASONS, type RestartReasonCode } from '../contract/updates';

// `npm run preview -- --port N [--api URL] [--data-dir DIR] [--language en-GB] [--config FILE]`
const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '5180' },
    host: { type: 'string', default: '127.0.0.1' },
    api: { type: 'string' },
    'data-dir': { type: 'string' },
    language: { type: 'string' },
    config: { type: 'string', multiple: true },
    // A pending restart with this reason (simulated-restart.ts), until the simulated restart clears it.
    'pending-restart': { type: 'string' },
    // The Chromium that runs a remote session's capture page (else HALLO_CHROMIUM, else /usr/bin/chromium).
    chromium: { type: 'string' },
    // Sections that replace the bundled reference API's demo policy, e.g. short restart times for a demo or a test.
    policy: { type: 'string' },
    // A recorded Windows checks document (the JSON the agent's checks script prints): a Windows PC's protection on this machine.
    checks: { type: 'string' },
  },
});

const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`--port must be a port number, got "${values.port}"`);
  process.exit(2);
}
// The bridge admits loopback peers only, so another address would serve the page to the network and
// nothing else; refused rather than half-working (the demo API and agent state stay on this machine).
if (!isLoopbackAddress(values.host)) {
  console.error(`--host must be a loopback address (127.0.0.1, ::1, localhost), got "${values.host}"`);
  process.exit(2);
}
const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

const dataDir = values['data-dir'] ?? defaultPreviewDataDir({ platform: process.platform, env: process.env, homedir: homedir(), tmpdir: tmpdir() });
const pendingRestart = values['pending-restart'];
if (pendingRestart !== undefined && !(RESTART_REASONS as readonly string[]).includes(pendingRestart)) {
  console.error(`--pending-restart must be one of ${RESTART_REASONS.join(', ')}, got "${pendingRestart}"`);
  process.exit(2);
}

if (values.policy !== undefined && values.api !== undefined) {
  console.error('--policy sets the bundled reference API\'s policy; with --api the policy is that API\'s');
  process.exit(2);
}
const policy = values.policy === undefined ? undefined : readPolicyFile(values.policy);
const checksDocument = values.checks === undefined ? undefined : readChecksFile(values.checks);

const preview = await startPreview({
  port,
  host: values.host,
  apiUrl: values.api,
  dataDir,
  pendingRestart: pendingRestart as RestartReasonCode | undefined,
  chromium: values.chromium ?? process.env.HALLO_CHROMIUM,
  policy,
  checksDocument,
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
console.log(`READY ${JSON.stringify({ url: preview.url, windows: preview.windows, api: preview.api })}`);

let closing = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (closing) return;
    closing = true;
    void preview.close().finally(() => process.exit(0));
  });
}

/** The --policy file: a JSON object of policy sections (the reference API checks them against openapi.json). */
function readPolicyFile(path: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(readFileSync(path, 'utf8'));
    if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error('not a JSON object of policy sections');
    return value as Record<string, unknown>;
  } catch (error) {
    console.error(`--policy ${path}: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(2);
  }
}

/** The --checks file: JSON (the document's own shape is judged by the agent, part by part, as a real script's would be). */
function readChecksFile(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8').replace(/^\uFEFF/, '')) as unknown;
  } catch (error) {
    console.error(`--checks ${path}: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(2);
  }
}
