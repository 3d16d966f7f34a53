import type { SelfUpdateState } from '../../contract';
import { defineCapability } from '../capability';

export const INITIAL_SELF_UPDATE: SelfUpdateState = {
  phase: 'disabled',
  channel: 'stable',
  feedUrl: null,
  feedSource: null,
  stagingPercentage: 100,
  bucket: null,
  lastCheckedAt: null,
  available: null,
  heldBack: false,
  installWhen: null,
  waitingFor: null,
  lastError: null,
};

/** The agent keeping itself current (ctx.ports.updater): when to check, download and install. SKELETON (issue 14). */
export const selfUpdateCapability = defineCapability({
  name: 'selfupdate',
  slices: ['selfUpdate'],
  initial: () => ({ selfUpdate: INITIAL_SELF_UPDATE }),
  create() {
    return {
      actions: {
        'selfUpdate.check': () => undefined,
      },
    };
  },
});
