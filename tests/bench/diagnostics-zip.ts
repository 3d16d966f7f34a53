import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { startPreview } from '../../electron/preview/host';
import { round } from './cpu';
import { writeDayOfHistory } from './day-of-history';

// diagnosticsZipKb: "Diagnose exporteren" of a preview agent (the real agent, the bundled reference
// API, this machine's probes) after it has run `windowMs` (a few minutes of samples, checks and log
// lines) on top of a full day of health history, fetched as the page would download it.
// Also: the files and their size before compression, and how long the export took (list + zip + save).
const windowMs = Number(process.argv[2] ?? 120_000);
const root = await mkdtemp(join(tmpdir(), 'hallo-bench-diagnostics-'));
const dataDir = join(root, 'data');
await writeDayOfHistory(dataDir, Date.now());
const preview = await startPreview({ port: 0, host: '127.0.0.1', rendererDir: root, dataDir, systemLanguages: ['nl-NL'], configFiles: [], appVersion: 'bench' });
try {
  const agent = preview.agent;
  while (agent.state().connection.status !== 'online' || agent.state().checks.lastCheckedAt === null) await new Promise((r) => setTimeout(r, 100));
  await new Promise((done) => setTimeout(done, windowMs));
  const started = performance.now();
  const outcome = await agent.invoke('admin.exportDiagnostics', {});
  const exportMs = performance.now() - started;
  if (outcome.outcome !== 'download') throw new Error(`not a download: ${outcome.outcome}`);
  const bytes = new Uint8Array(await (await fetch(new URL(outcome.url, preview.url))).arrayBuffer());
  const files = unzipSync(bytes);
  const uncompressed = Object.values(files).reduce((sum, file) => sum + file.byteLength, 0);
  process.stdout.write(
    JSON.stringify({
      diagnosticsZipKb: round(bytes.byteLength / 1024),
      diagnosticsUncompressedKb: round(uncompressed / 1024),
      diagnosticsZipFiles: Object.keys(files).length,
      diagnosticsExportMs: round(exportMs),
      diagnosticsAgentRanS: round(windowMs / 1000),
    }) + '\n',
  );
} finally {
  await preview.close();
  await rm(root, { recursive: true, force: true, maxRetries: 5 });
}
process.exit(0);
