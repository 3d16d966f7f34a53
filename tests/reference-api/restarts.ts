import { ulid } from 'ulid';
import type { components } from '../../electron/agent/hallo-api/openapi';
import { problem, type Handler } from './http';

type S = components['schemas'];

// Restarts: hallo, asks a device to restart before a deadline (portal → restart.requested), and the
// device reports what became of every pending restart, asked for or not.

/** POST /portal/devices/{deviceId}/restart-requests: the request goes out on the device's event stream. */
export const requestRestart: Handler = ({ store, streams, params, body }) => {
  const deviceId = params.deviceId!;
  if (!store.devices.has(deviceId)) return problem(404, 'unknown-device', `No device ${deviceId}`);
  const ask = body as S['PortalRestartRequestCreate'];
  const request: S['PortalRestartRequest'] = {
    requestId: `rr_${ulid()}`,
    deviceId,
    reason: ask.reason,
    deadline: ask.deadline,
    createdAt: store.nowIso(),
    state: 'sent',
    outcome: null,
  };
  store.restartRequests.push(request);
  streams.emit(deviceId, 'restart.requested', { requestId: request.requestId, reason: request.reason, deadline: request.deadline });
  return { status: 201, body: request };
};

/** POST /restart-outcomes: kept once per Idempotency-Key; an outcome naming a request settles it. */
export const reportOutcome: Handler = ({ store, body, headers, device }) => {
  const key = String(headers['idempotency-key']);
  const outcome = body as S['RestartOutcome'];
  const deviceId = device!.deviceId;
  if (store.restartOutcomes.some((o) => o.deviceId === deviceId && o.key === key)) return { status: 204 };
  store.restartOutcomes.push({ deviceId, key, outcome });
  const request = store.restartRequests.find((r) => r.deviceId === deviceId && r.requestId === outcome.requestId);
  if (request) {
    request.state = outcome.outcome;
    request.outcome = outcome;
  }
  return { status: 204 };
};
