import { z } from 'zod';

// The remote capability's slice: a technician's request waiting for the employee, the session
// running now, the receipt of the one that just ended, the history and the audit log. Codes, names
// and times only: the consent window, the session bar, the tray and the popup's "Hulp op afstand"
// say it in words (`remote.*` in the catalogs).

const Iso = z.string().max(40);
export const RemoteModeSchema = z.enum(['view', 'control']);
export type RemoteModeName = z.infer<typeof RemoteModeSchema>;

/** Who or what ended a session (as sent to the API's session events). */
export const REMOTE_ENDED_BY = ['user', 'technician', 'timeout', 'agent'] as const;
/** Why a session ended (the API's SessionEventRequest.reason). */
export const REMOTE_END_REASONS = ['ended', 'max-length', 'connection-lost', 'capture-failed', 'cancelled', 'agent-stopped'] as const;
/** Why a request was refused before anyone saw it (audit `request-refused`, `params.reason`). */
export const REMOTE_REFUSALS = [
  'bad-signature',
  'unknown-kid',
  'wrong-audience',
  'expired',
  'not-yet-valid',
  'lifetime-too-long',
  'replayed',
  'bad-algorithm',
  'malformed',
  'too-large',
  'no-keys',
] as const;
/** Why a verified request was answered "no" without the employee or by them (ConsentRequest.reason). */
export const REMOTE_DENIALS = ['user', 'not-requested', 'busy', 'locked', 'no-user', 'restarting', 'timeout'] as const;

/**
 * The request the consent window shows: only what the signature proves. `ticketId` is set when
 * `ticketNumber` is one of this PC's tickets (the window links to it in "Mijn meldingen").
 * `code` is the short code the technician reads out on the phone (derived from the signed request).
 * `controlOffered`: control was asked and a control engine exists; when asked but not offered,
 * the window says view only and why (`remote.consent.viewOnly`).
 * Answers before `answerableAt` (500 ms after it showed) are ignored; at `expiresAt` it is denied.
 */
export const RemoteRequestView = z.object({
  sessionId: z.string().max(64),
  technicianName: z.string().max(200),
  reason: z.string().max(500),
  ticketNumber: z.number().int().nullable(),
  ticketId: z.string().max(64).nullable(),
  modeRequested: RemoteModeSchema,
  controlOffered: z.boolean(),
  code: z.string().max(16),
  shownAt: Iso,
  answerableAt: Iso,
  expiresAt: Iso,
});
export type RemoteRequestView = z.infer<typeof RemoteRequestView>;

/**
 * The session running now (null: none). `phase`: `connecting` until the first frame reached the
 * technician's side, `live` while it streams, `ending` between "end" and the capture stopped.
 * It ends by itself at `endsAt` (the policy's maximum length).
 */
export const RemoteSessionView = z.object({
  sessionId: z.string().max(64),
  technicianName: z.string().max(200),
  ticketNumber: z.number().int().nullable(),
  mode: RemoteModeSchema,
  phase: z.enum(['connecting', 'live', 'ending']),
  grantedAt: Iso,
  startedAt: Iso.nullable(),
  endsAt: Iso,
});
export type RemoteSessionView = z.infer<typeof RemoteSessionView>;

/** "Sessie met Jan van hallo, beëindigd om 14:32, 12 minuten": shown once, until remote.acknowledge. */
export const RemoteReceipt = z.object({
  sessionId: z.string().max(64),
  technicianName: z.string().max(200),
  endedAt: Iso,
  minutes: z.number().int(),
  by: z.enum(REMOTE_ENDED_BY),
  reason: z.enum(REMOTE_END_REASONS),
});
export type RemoteReceipt = z.infer<typeof RemoteReceipt>;

/** One verified request and what became of it, newest first in the popup's "Hulp op afstand". */
export const RemoteHistoryEntry = z.object({
  sessionId: z.string().max(64),
  technicianName: z.string().max(200),
  reason: z.string().max(500),
  ticketNumber: z.number().int().nullable(),
  requestedAt: Iso,
  outcome: z.enum(['pending', 'granted', 'denied', 'expired', 'cancelled']),
  /** Why it was denied or expired (REMOTE_DENIALS); null otherwise. */
  denial: z.enum(REMOTE_DENIALS).nullable(),
  mode: RemoteModeSchema.nullable(),
  startedAt: Iso.nullable(),
  endedAt: Iso.nullable(),
  endedBy: z.enum(REMOTE_ENDED_BY).nullable(),
  minutes: z.number().int().nullable(),
});
export type RemoteHistoryEntry = z.infer<typeof RemoteHistoryEntry>;

export const REMOTE_AUDIT_KINDS = [
  'request-received',
  'request-refused',
  'request-cancelled',
  'consent',
  'session-started',
  'session-ended',
  'input-dropped',
  'chain-broken',
] as const;

/** One line of the audit log as the popup lists it (`remote.audit.<kind>` in the catalogs). */
export const RemoteAuditLine = z.object({
  seq: z.number().int(),
  at: Iso,
  kind: z.enum(REMOTE_AUDIT_KINDS),
  sessionId: z.string().max(64).nullable(),
  params: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
});
export type RemoteAuditLine = z.infer<typeof RemoteAuditLine>;

export const RemoteState = z.object({
  request: RemoteRequestView.nullable(),
  session: RemoteSessionView.nullable(),
  receipt: RemoteReceipt.nullable(),
  /** The last 50 verified requests, newest first. */
  history: z.array(RemoteHistoryEntry),
  audit: z.object({
    /** The newest 100 lines, newest first. */
    lines: z.array(RemoteAuditLine),
    /** `broken`: a line was edited or removed; `brokenAtSeq` is the first line that does not follow. */
    chain: z.enum(['intact', 'broken']),
    brokenAtSeq: z.number().int().nullable(),
    /** Lines not yet received by hallo,. */
    unsent: z.number().int(),
  }),
});
export type RemoteState = z.infer<typeof RemoteState>;

/** A WebRTC signalling message as the capture page and the agent pass it (the API's RemoteSignal). */
export const CaptureSignal = z
  .object({
    kind: z.enum(['offer', 'answer', 'candidate', 'input', 'bye']),
    sdp: z.string().max(100_000).optional(),
    candidate: z
      .object({
        candidate: z.string().max(2000),
        sdpMid: z.string().max(64).nullable().optional(),
        sdpMLineIndex: z.number().int().min(0).max(64).nullable().optional(),
        usernameFragment: z.string().max(256).nullable().optional(),
      })
      .strict()
      .optional(),
    input: z.record(z.string(), z.unknown()).optional(),
  })
  .strict();
export type CaptureSignal = z.infer<typeof CaptureSignal>;

/** What the capture page reports: streaming states for the session's phase, and failures. */
export const CAPTURE_STATUSES = ['capturing', 'connected', 'first-frame', 'disconnected', 'failed', 'stopped', 'input-dropped'] as const;

/**
 * What the agent tells the capture page (only the capture window hears `remote.capture`):
 * start streaming this session with these ICE servers, a signal from the technician, stop.
 */
export const CaptureCommand = z.discriminatedUnion('command', [
  z.object({
    command: z.literal('start'),
    sessionId: z.string().max(64),
    iceServers: z.array(
      z.object({ urls: z.union([z.string(), z.array(z.string())]), username: z.string().optional(), credential: z.string().optional() }),
    ),
  }),
  z.object({ command: z.literal('signal'), sessionId: z.string().max(64), signal: CaptureSignal }),
  z.object({ command: z.literal('stop'), sessionId: z.string().max(64) }),
]);
export type CaptureCommand = z.infer<typeof CaptureCommand>;
