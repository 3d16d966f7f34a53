import type { ChecksState } from '../../contract';
import { defineCapability } from '../capability';

export const INITIAL_CHECKS: ChecksState = {
  checking: false,
  lastCheckedAt: null,
  items: [],
  probes: [],
  facts: { lastTimeSyncAt: null, lastScan: null },
  cleanup: { itemIds: [], running: false, last: null },
};

/**
 * The PC's protection and upkeep (issue 13, being built): antivirus, firewall, disk encryption,
 * time, Microsoft 365 and temporary files, checked on their own interval; "Tijdelijke bestanden
 * opruimen". Skeleton: the slice and the actions, so that the agent composes.
 */
export const checksCapability = defineCapability({
  name: 'checks',
  slices: ['checks'],
  initial: () => ({ checks: INITIAL_CHECKS }),
  create() {
    return {
      actions: {
        'checks.refresh': () => undefined,
        'checks.cleanTemp': () => ({ outcome: 'failed' as const, freedBytes: 0, removed: 0, skipped: 0 }),
      },
    };
  },
});
