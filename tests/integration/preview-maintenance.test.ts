import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startPreview, type Preview } from '../../electron/preview/host';
import { until } from './fixtures/until';

// `npm run preview` with the bundled reference API: "Onderhoud" shows hallo,'s part from the start
// (the demo device's upkeep, tests/reference-api/maintenance.ts demoMaintenance).

let dir: string | null = null;
let preview: Preview | null = null;
afterAll(async () => {
  await preview?.close();
  if (dir) await rm(dir, { recursive: true, force: true, maxRetries: 5 });
});

describe('the preview’s demo device', () => {
  it('shows hallo,’s disk check, admin password change and patch run in state.maintenance', async () => {
    dir = await mkdtemp(join(tmpdir(), 'hallo-preview-maintenance-'));
    const options = { port: 0, host: '127.0.0.1', rendererDir: dir, systemLanguages: ['nl-NL'], configFiles: [] };
    preview = await startPreview({ ...options, dataDir: join(dir, 'data'), appVersion: '0.1.0-test' });
    const agent = preview.agent;
    await until('hallo,’s list fetched', () => agent.state().maintenance.fetchedAt !== null);
    expect(agent.state().maintenance.entries.filter((e) => e.source === 'hallo').map((e) => [e.kind, e.params])).toEqual([
      ['disk-checked', {}],
      ['admin-password-changed', {}],
      ['updates-installed', { count: 7, failed: 0 }],
    ]);
  });
});
