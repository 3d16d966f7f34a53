import { ulid } from 'ulid';
import type { components } from '../../electron/agent/hallo-api/openapi';
import { problem, type Handler } from './http';
import type { Store } from './store';

type S = components['schemas'];

// "Onderhoud": the upkeep hallo, did on a device. The portal records it (tests and demos; the real
// portal gets it from hallo,'s tools), the device reads its own last 30 days.

const DAY_MS = 24 * 60 * 60_000;
/** What GET /maintenance gives: the last 30 days, at most 200 (openapi.json MaintenanceList). */
const LIST_DAYS = 30;
const LIST_MAX = 200;

const newestFirst = (a: S['MaintenanceEntry'], b: S['MaintenanceEntry']) => Date.parse(b.at) - Date.parse(a.at);

/** Everything recorded for a device, newest first (the portal's device view). */
export function maintenanceOf(store: Store, deviceId: string): S['MaintenanceEntry'][] {
  return [...(store.maintenance.get(deviceId) ?? [])].sort(newestFirst);
}

/** GET /maintenance: the calling device's entries of the last 30 days, newest first, at most 200. */
export const listMaintenance: Handler = ({ store, device }) => {
  const since = store.now() - LIST_DAYS * DAY_MS;
  const entries = maintenanceOf(store, device!.deviceId)
    .filter((entry) => Date.parse(entry.at) >= since)
    .slice(0, LIST_MAX);
  const reply: S['MaintenanceList'] = { entries };
  return { status: 200, body: reply };
};

/**
 * POST /portal/devices/{deviceId}/maintenance (the body already passed its schema): `id` and `at`
 * default to a new id and now; an entry with an id the device has already replaces it, so that a
 * tool that sends the same entry again does not show it twice.
 */
export const addMaintenance: Handler = ({ store, params, body }) => {
  const deviceId = params.deviceId!;
  if (!store.devices.has(deviceId)) return problem(404, 'unknown-device', `No device ${deviceId}`);
  const ask = body as S['PortalMaintenanceCreate'];
  const entry: S['MaintenanceEntry'] = { ...ask, id: ask.id ?? `mnt_${ulid()}`, at: ask.at ?? store.nowIso(), note: ask.note ?? null };
  const entries = (store.maintenance.get(deviceId) ?? []).filter((known) => known.id !== entry.id);
  store.maintenance.set(deviceId, [...entries, entry]);
  return { status: 201, body: entry };
};

/**
 * hallo,'s upkeep of the demo device (`npm run preview`, ReferenceApiOptions.demoMaintenance), so
 * that "Onderhoud" shows hallo,'s part beside what the PC observed itself: a disk check, the
 * local admin password changed, a patch run; days before `now`.
 */
export function demoMaintenance(now: number): S['MaintenanceEntry'][] {
  const daysAgo = (days: number, hour: number) => {
    const day = new Date(now - days * DAY_MS);
    return new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate(), hour)).toISOString();
  };
  return [
    { id: 'demo-disk-check', at: daysAgo(2, 1), kind: 'disk-checked', note: 'Schijf C: gecontroleerd: geen fouten gevonden.' },
    { id: 'demo-admin-password', at: daysAgo(9, 2), kind: 'admin-password-changed', note: null },
    { id: 'demo-patch-run', at: daysAgo(16, 3), kind: 'updates-installed', note: 'Maandelijkse patchronde', count: 7, failed: 0 },
  ];
}
