import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Clock } from '../../electron/agent/ports';
import { bootRemote, DEVICE } from '../unit/remote/harness';
import { claimsFor } from '../unit/remote/signer';

// consentDecisionMs: the agent's half of consentPromptMs, from a remote-session.requested event
// handed to the remote capability until state.remote.request is published (verification with
// jose, the jti on disk, the audit line and the history written: all before the prompt may show).
// The first request pays for loading jose and node:crypto (consentDecisionColdMs); the figure is
// the median of the next ten. The window's half (state to the page drawn) is the UI's
// (hallo:consent-prompt-shown in the consent page).

const RUNS = 10;
const realClock: Clock = { now: () => Date.now(), setTimeout: (fn, ms) => setTimeout(fn, ms), clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout) };

export async function consentDecisionFigures(): Promise<Record<string, number>> {
  const dir = await mkdtemp(join(tmpdir(), 'hallo-bench-consent-'));
  const run = await bootRemote({ dir, clock: realClock });
  try {
    const times: number[] = [];
    for (let i = 0; i <= RUNS; i++) {
      const claims = claimsFor(DEVICE, Date.now());
      const token = await run.signer.sign(claims);
      const shown = new Promise<void>((done) => {
        const stop = run.store.subscribe((patch) => {
          if (patch.remote?.request?.sessionId === claims.jti) {
            stop();
            done();
          }
        });
      });
      const start = performance.now();
      run.capability.onServerEvent?.({ id: null, type: 'remote-session.requested', data: { request: token } });
      await shown;
      times.push(performance.now() - start);
      run.capability.onServerEvent?.({ id: null, type: 'remote-session.cancelled', data: { sessionId: claims.jti } });
      while (run.remote().request !== null) await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const warm = times.slice(1).sort((a, b) => a - b);
    const median = warm[Math.floor(warm.length / 2)]!;
    return { consentDecisionColdMs: Math.round(times[0]!), consentDecisionMs: Math.round(median * 10) / 10 };
  } finally {
    await run.stop();
    await rm(dir, { recursive: true, force: true });
  }
}
