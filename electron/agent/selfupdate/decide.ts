import compare from 'semver/functions/compare.js';
import valid from 'semver/functions/valid.js';
import type { SelfUpdateState, UpdatesState } from '../../contract';

// The self-update's judgements, pure and table-tested (tests/unit/selfupdate/decide.test.ts):
// what to make of a version the feed offers, and when a downloaded one may be installed. Loaded at
// the first read of the feed (capability.ts), with only the two semver functions it uses: all of
// semver is about 390 KB of heap, these two 136 KB (node --expose-gc, heapUsed around require).

/**
 * - invalid: not a semantic version (the feed is garbage)
 * - older: never a downgrade; the admin is told
 * - up-to-date: the same version: nothing to do, nothing wrong
 * - held-back: newer, but not for this device's bucket yet
 * - download: newer and for this device
 */
export type OfferVerdict = 'invalid' | 'older' | 'up-to-date' | 'held-back' | 'download';

export function judgeOffer(o: { current: string; offered: string; bucket: number | null; stagingPercentage: number }): OfferVerdict {
  if (!valid(o.offered) || !valid(o.current)) return 'invalid';
  const order = compare(o.offered, o.current);
  if (order < 0) return 'older';
  if (order === 0) return 'up-to-date';
  return isHeldBack(o.bucket, o.stagingPercentage) ? 'held-back' : 'download';
}

/** A device gets a staged version when its bucket is below the percentage; before enrolment (no bucket) only at 100 %. */
export function isHeldBack(bucket: number | null, stagingPercentage: number): boolean {
  return bucket === null ? stagingPercentage < 100 : bucket >= stagingPercentage;
}

/** A ready update is installed unasked only after this long: a bad release can still be pulled meanwhile. */
export const INSTALL_NOW_AFTER_READY_MS = 24 * 3_600_000;
/** ... and only while the user has been away this long (quitAndInstall closes the tray for a minute). */
export const INSTALL_NOW_IDLE_SECONDS = 30 * 60;

export interface InstallInputs {
  remoteSession: boolean;
  restart: Pick<UpdatesState['restart'], 'needed' | 'step'>;
  /** When the download was verified (epoch ms). */
  readyAt: number;
  now: number;
  idleSeconds: number;
}

export interface InstallPlan {
  /** electron-updater's autoInstallOnAppQuit. */
  installAtQuit: boolean;
  installWhen: NonNullable<SelfUpdateState['installWhen']>;
  waitingFor: SelfUpdateState['waitingFor'];
  /** Quit, install and start again now. */
  installNow: boolean;
  /** Judge again after this long (the 24 hours, or the idle time, still to go); null: only when the state changes. */
  againInMs: number | null;
}

/**
 * A downloaded update: installed when the agent quits, or with the computer's restart while one is
 * pending; never during a remote session (the technician would be cut off) or the restart's final
 * countdown (the agent must stay to count down, and a quit then would take the prompt away): then
 * nothing is installed at quit either. Once the countdown is over and the restart under way, the
 * agent's quit is the restart's: installed then ("together with the restart"), never started now.
 * Installed now only after 24 hours ready, with the user away 30 minutes, and neither of those.
 */
export function installPlan(i: InstallInputs): InstallPlan {
  const installWhen = i.restart.needed ? 'with-restart' : 'at-quit';
  const step = i.restart.step?.kind;
  const waitingFor = i.remoteSession ? 'remote-session' : step === 'countdown' ? 'restart-countdown' : null;
  if (waitingFor) return { installAtQuit: false, installWhen, waitingFor, installNow: false, againInMs: null };
  if (step === 'restarting') return { installAtQuit: true, installWhen: 'with-restart', waitingFor: null, installNow: false, againInMs: null };
  const readyFor = i.now - i.readyAt;
  if (readyFor < INSTALL_NOW_AFTER_READY_MS) return { installAtQuit: true, installWhen, waitingFor, installNow: false, againInMs: INSTALL_NOW_AFTER_READY_MS - readyFor };
  if (i.idleSeconds < INSTALL_NOW_IDLE_SECONDS) {
    // The earliest moment the user can have been away long enough.
    return { installAtQuit: true, installWhen, waitingFor, installNow: false, againInMs: (INSTALL_NOW_IDLE_SECONDS - i.idleSeconds) * 1000 };
  }
  return { installAtQuit: true, installWhen, waitingFor, installNow: true, againInMs: null };
}
