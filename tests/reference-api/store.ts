import { createHash, randomBytes } from 'node:crypto';
import type { components } from '../../electron/agent/hallo-api/openapi';
import type { Policy } from './demo-policy';

type S = components['schemas'];
export type Fault = S['Fault'];

export interface DeviceRecord {
  deviceId: string;
  token: string | null; // null once revoked
  device: S['EnrollmentDevice'];
  tenant: { id: string; name: string };
  enrolledAt: string;
  lastSeenAt: string | null;
  lastHeartbeat: S['HeartbeatRequest'] | null;
}

export interface TicketRecord {
  ticketId: string;
  number: number;
  deviceId: string;
  idempotencyKey: string;
  request: S['TicketCreateRequest'];
  status: S['TicketStatus'];
  createdAt: string;
  updatedAt: string;
  lastReply?: S['TicketReply'];
  /** The conversation, oldest first; `seq` is the index + 1. Seq 1 is the report itself. */
  thread: MessageRecord[];
}

/** A message as the server keeps it: with the Idempotency-Key it came with (null for the servicedesk's). */
export type MessageRecord = S['TicketMessage'] & { idempotencyKey: string | null };

/**
 * A remote-session request and what became of it. `state` moves only forward:
 * pending → granted | denied | expired | cancelled (the device's one consent, or the portal's
 * DELETE); granted → running (`started`) → ended (`ended`); granted → ended too (it never
 * started). A pending request past `expiresAt` reads as expired (`viewState`) without being
 * stored so: a late "no" from the device is still kept, a late "yes" gets 409.
 */
export interface SessionRecord {
  sessionId: string;
  deviceId: string;
  technician: S['Technician'];
  reason: string;
  ticketNumber?: number;
  modeRequested: S['RemoteMode'];
  request: string; // the compact JWS
  code: string; // shortCode(request)
  requestedAt: string;
  expiresAt: string;
  state: S['PortalRemoteSessionView']['state'];
  consent: S['ConsentRequest'] | null;
  startedAt: string | null;
  ended: S['SessionEventRequest'] | null;
  /** The device's signals for the technician's console, oldest first; a signal's seq is its index + 1. */
  signals: S['RemoteSignal'][];
  /** Wakes the technician's long polls on this session: called after every signal and change of state. */
  watchers: Set<() => void>;
}

export interface StoredEvent {
  id: number;
  type: string;
  data: unknown;
}

/** Everything that arrived, for tests to assert on. */
export interface Received {
  requests: { method: string; path: string; operationId: string | null; status: number | null; at: string }[];
  enrolments: { deviceId: string | null; body: unknown; status: number }[];
  heartbeats: { deviceId: string; body: S['HeartbeatRequest']; at: string }[];
  tickets: { deviceId: string; idempotencyKey: string | undefined; body: unknown; status: number }[];
  /** Every POST /tickets/{ticketId}/messages that passed its schema, with the status it got. */
  messages: { deviceId: string; ticketId: string; idempotencyKey: string; body: unknown; status: number }[];
  consents: { deviceId: string; sessionId: string; body: S['ConsentRequest'] }[];
  sessionEvents: { deviceId: string; sessionId: string; body: S['SessionEventRequest'] }[];
  /** Every signal relayed, in order: the device's (to the console) and the technician's (to the device). */
  signals: { sessionId: string; from: 'device' | 'technician'; signal: S['RemoteSignal'] }[];
  /** Every POST /remote-audit that passed its schema: how many entries came, how many were new. */
  audits: { deviceId: string; entries: number; stored: number }[];
  streams: { deviceId: string; lastEventId: string | null; at: string }[];
  /** Responses the server itself got wrong (failed openapi.json): must stay empty. */
  serverErrors: { operationId: string; status: number; errors: string }[];
}

const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
function randomCode(): string {
  const pick = (n: number) => Array.from(randomBytes(n), (b) => CODE_ALPHABET[b % 32]).join('');
  return `DEMO-${pick(4)}-${pick(2)}`;
}

/** The reference server's whole memory. It outlives stop()/start(): only close() ends it. */
export class Store {
  readonly received: Received = {
    requests: [],
    enrolments: [],
    heartbeats: [],
    tickets: [],
    messages: [],
    consents: [],
    sessionEvents: [],
    signals: [],
    audits: [],
    streams: [],
    serverErrors: [],
  };
  readonly devices = new Map<string, DeviceRecord>();
  readonly tickets: TicketRecord[] = [];
  /** Tickets made so far, deleted ones included: a number is never given twice. */
  ticketsMade = 0;
  readonly sessions = new Map<string, SessionRecord>();
  /** The remote-support audit entries each device sent, by entryId: each kept once. */
  readonly remoteAudit = new Map<string, Map<string, S['RemoteAuditEntry']>>();
  readonly restartRequests: S['PortalRestartRequest'][] = [];
  readonly restartOutcomes: { deviceId: string; key: string; outcome: S['RestartOutcome'] }[] = [];
  /** The upkeep recorded for each device (maintenance.ts), in the order it was recorded. */
  readonly maintenance = new Map<string, S['MaintenanceEntry'][]>();
  /** Each device that enrols starts with hallo,'s demo upkeep (ReferenceApiOptions.demoMaintenance). */
  demoMaintenance = false;
  readonly codes = new Map<string, { expiresAt: number; tenant: { id: string; name: string } }>();
  readonly faults: Fault[] = [];
  private readonly events = new Map<string, StoredEvent[]>();
  private lastEventId = 0;
  private current: { etag: string; policy: Policy };

  constructor(
    readonly now: () => number,
    policy: Policy,
  ) {
    this.current = { etag: etagOf(policy), policy };
  }

  get policy(): { etag: string; policy: Policy } {
    return this.current;
  }

  setPolicy(policy: Policy): { etag: string; policy: Policy } {
    this.current = { etag: etagOf(policy), policy };
    return this.current;
  }

  nowIso(): string {
    return new Date(this.now()).toISOString();
  }

  addCode(opts: { code?: string; ttlSeconds?: number; tenantName?: string } = {}): { code: string; expiresAt: string } {
    const code = opts.code ?? randomCode();
    const expiresAt = this.now() + (opts.ttlSeconds ?? 30 * 24 * 3600) * 1000;
    const name = opts.tenantName ?? 'Demo BV';
    const id = name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'tenant';
    this.codes.set(code, { expiresAt, tenant: { id, name } });
    return { code, expiresAt: new Date(expiresAt).toISOString() };
  }

  deviceByToken(token: string): DeviceRecord | null {
    for (const device of this.devices.values()) if (device.token !== null && device.token === token) return device;
    return null;
  }

  /** Appends to a device's event log; ids increase across all devices. */
  append(deviceId: string, type: string, data: unknown): StoredEvent {
    const event = { id: ++this.lastEventId, type, data };
    const log = this.events.get(deviceId) ?? [];
    log.push(event);
    this.events.set(deviceId, log);
    return event;
  }

  /** A device's events after `lastEventId` (all of them for an id that is not a number). */
  eventsAfter(deviceId: string, lastEventId: number): StoredEvent[] {
    return (this.events.get(deviceId) ?? []).filter((e) => e.id > lastEventId);
  }
}

/** A strong ETag: the hash of the policy's JSON. */
export function etagOf(policy: Policy): string {
  return `"${createHash('sha256').update(JSON.stringify(policy)).digest('base64url').slice(0, 22)}"`;
}
