import type { components } from '../../electron/agent/hallo-api/openapi';
import type { Handler } from './http';
import type { Store } from './store';

type S = components['schemas'];

/**
 * POST /remote-audit: each entry kept once, by its entryId (the device's outbox sends a batch again
 * when an answer was lost). The server keeps what it gets and does not judge the hash chain: the
 * device view shows the entries, and a chain that does not add up is for hallo, to see there.
 */
export const receiveAudit: Handler = ({ store, body, device }) => {
  const { entries } = body as S['RemoteAuditBatch'];
  const kept = store.remoteAudit.get(device!.deviceId) ?? new Map<string, S['RemoteAuditEntry']>();
  store.remoteAudit.set(device!.deviceId, kept);
  let stored = 0;
  for (const entry of entries) {
    if (kept.has(entry.entryId)) continue;
    kept.set(entry.entryId, entry);
    stored++;
  }
  store.received.audits.push({ deviceId: device!.deviceId, entries: entries.length, stored });
  return { status: 204 };
};

/** A device's audit entries by seq (then as they arrived), for the portal's device view. */
export function auditOf(store: Store, deviceId: string): S['RemoteAuditEntry'][] {
  return [...(store.remoteAudit.get(deviceId)?.values() ?? [])].sort((a, b) => a.seq - b.seq);
}
