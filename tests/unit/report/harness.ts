import type { AgentState } from '../../../electron/contract';
import { sliceStore, type CapabilityContext } from '../../../electron/agent/capability';
import { createLogger } from '../../../electron/agent/log';
import type { PdfRenderer, SaveTarget } from '../../../electron/agent/ports';
import { reportCapability } from '../../../electron/agent/report/capability';
import { AgentStore } from '../../../electron/agent/store';
import { createFakeClock } from '../../doubles/fake-clock';
import { CODE, TOKEN } from '../admin/harness';
import { REPORT_NOW } from './sample';

/**
 * The report capability as the admin view meets it through `report.make`: on `state`, with the
 * device token in the secret store and the enrolment code in the managed configuration, saving
 * through `save` and printing through `pdf` (both absent when not given, as in a shell without them).
 */
export function startReport(opts: { state: AgentState; save?: SaveTarget; pdf?: PdfRenderer }) {
  const clock = createFakeClock(REPORT_NOW);
  const store = new AgentStore(opts.state);
  const log = createLogger({ file: null, clock });
  const admin = { ...(opts.save ? { save: opts.save } : {}), ...(opts.pdf ? { pdf: opts.pdf } : {}) };
  const ctx = {
    ports: {
      clock,
      secrets: { get: async (name: string) => (name === 'device-token' ? TOKEN : null), set: async () => undefined, delete: async () => undefined },
      paths: { dataDir: '/nowhere', configFiles: [] },
      admin,
    },
    clock,
    options: { appVersion: '1.4.0', systemLanguages: ['nl-NL'] },
    log,
    dataDir: '/nowhere',
    config: () => ({ config: { enrollmentCode: CODE }, files: [], problems: [] }),
  } as unknown as CapabilityContext;
  const capability = reportCapability.create(ctx, sliceStore(store, 'report', reportCapability.slices));
  return { make: capability.actions['report.make'], log };
}

/** The text a reader sees in a piece of the report's HTML: tags dropped, entities read. */
export function textOf(html: string): string {
  return html
    .replace(/<style>[\s\S]*?<\/style>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
}
