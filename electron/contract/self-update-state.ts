import { z } from 'zod';
import { errorInfo } from './error-info';

// The selfupdate capability's slice (electron/agent/selfupdate/): the agent keeping itself current
// through electron-updater's generic feed (latest.yml). For admins only: employees never see it.

/** The feed's channels: `stable` reads latest*.yml, `beta` beta*.yml (electron-updater's names). */
export const SELF_UPDATE_CHANNELS = ['stable', 'beta'] as const;
export type SelfUpdateChannel = (typeof SELF_UPDATE_CHANNELS)[number];

/**
 * - disabled: no feed URL (neither the managed configuration nor the policy names one), or no
 *   updater here (the preview without a feed, a development start)
 * - idle: nothing newer (or held back by the staged rollout, see `heldBack`)
 * - checking, downloading: under way
 * - ready: downloaded and verified; installed at `installWhen`
 * - installing: handed to the installer (the app quits)
 */
export const SELF_UPDATE_PHASES = ['disabled', 'idle', 'checking', 'downloading', 'ready', 'installing'] as const;

/**
 * Why the last check, download or install failed; nothing is installed after any of them.
 * - feed-unreachable: no answer from the feed URL
 * - feed-invalid: the feed is not a latest.yml the updater can read (garbage, missing fields)
 * - older-version: the feed offers a version that is not newer than this one (never a downgrade)
 * - hash-mismatch: the downloaded file's sha512 is not the feed's
 * - signature-invalid: Windows: the installer is not signed by `publisherName`
 * - download-failed: the download broke off
 * - disk-full: no room for the download
 * - install-failed: the installer could not be started
 */
export const SELF_UPDATE_ERRORS = [
  'feed-unreachable',
  'feed-invalid',
  'older-version',
  'hash-mismatch',
  'signature-invalid',
  'download-failed',
  'disk-full',
  'install-failed',
] as const;
export type SelfUpdateErrorCode = (typeof SELF_UPDATE_ERRORS)[number];

export const SelfUpdateState = z.object({
  phase: z.enum(SELF_UPDATE_PHASES),
  channel: z.enum(SELF_UPDATE_CHANNELS),
  /** The generic feed's URL (folder of latest.yml), and where it came from. */
  feedUrl: z.string().nullable(),
  feedSource: z.enum(['config', 'policy']).nullable(),
  /** The share of devices that get a new version now (policy; 100 when not staged). */
  stagingPercentage: z.number().int().min(0).max(100),
  /** This device's place in the staged rollout, 0–99, stable per device (from its device id); null before enrolment and until the first read of the feed (node:crypto is not loaded at start). */
  bucket: z.number().int().min(0).max(99).nullable(),
  lastCheckedAt: z.string().nullable(),
  /** The newest version the feed offers that is newer than this one, or null. */
  available: z.object({ version: z.string().max(64), releaseDate: z.string().max(40).nullable() }).nullable(),
  /** `available` is not for this device yet: its bucket is not below `stagingPercentage`. */
  heldBack: z.boolean(),
  /** Once ready: at the next quit of the agent, or with the computer's restart after updates. */
  installWhen: z.enum(['at-quit', 'with-restart']).nullable(),
  /** Installing waits now because of this (never during a remote session or a restart countdown). */
  waitingFor: z.enum(['remote-session', 'restart-countdown']).nullable(),
  lastError: errorInfo(z.enum(SELF_UPDATE_ERRORS)).nullable(),
});
export type SelfUpdateState = z.infer<typeof SelfUpdateState>;
