import type { RemoteState } from '../../contract';
import { defineCapability } from '../capability';

export const INITIAL_REMOTE: RemoteState = {
  request: null,
  session: null,
  receipt: null,
  history: [],
  audit: { lines: [], chain: 'intact', brokenAtSeq: null, unsent: 0 },
};

/**
 * Remote support: a technician's signed request, verified before anything is shown; the
 * employee's consent in a window of its own; the view session; the audit log. (Skeleton: the
 * contract's actions answer "nothing pending" until the capability is built.)
 */
export const remoteCapability = defineCapability({
  name: 'remote',
  slices: ['remote'],
  initial: () => ({ remote: INITIAL_REMOTE }),
  create() {
    return {
      actions: {
        'remote.answer': () => ({ outcome: 'not-pending' as const }),
        'remote.end': () => ({ outcome: 'no-session' as const }),
        'remote.acknowledge': () => undefined,
        'remote.captureSignal': () => undefined,
        'remote.captureStatus': () => undefined,
      },
    };
  },
});
