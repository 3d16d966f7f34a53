import { randomBytes } from 'node:crypto';
import { ulid } from 'ulid';
import type { components } from '../../electron/agent/hallo-api/openapi';
import { problem, type Handler } from './http';
import { demoMaintenance } from './maintenance';

type S = components['schemas'];

/** POST /enroll: a known, unexpired code buys a device id and a fresh token. */
export const enroll: Handler = ({ store, body }) => {
  const request = body as S['EnrollRequest'];
  const code = store.codes.get(request.enrollmentCode);
  if (!code || code.expiresAt <= store.now()) {
    store.received.enrolments.push({ deviceId: null, body, status: 401 });
    return problem(401, 'enrollment-code-rejected', 'Unknown or expired enrolment code');
  }
  const deviceId = `dev_${ulid()}`;
  const token = randomBytes(32).toString('base64url');
  store.devices.set(deviceId, {
    deviceId,
    token,
    device: request.device,
    tenant: code.tenant,
    enrolledAt: store.nowIso(),
    lastSeenAt: store.nowIso(),
    lastHeartbeat: null,
  });
  if (store.demoMaintenance) store.maintenance.set(deviceId, demoMaintenance(store.now()));
  store.received.enrolments.push({ deviceId, body, status: 201 });
  const reply: S['EnrollResponse'] = { deviceId, deviceToken: token, tenant: code.tenant };
  return { status: 201, body: reply };
};

/** GET /policy with If-None-Match: 304 when the agent already has this etag. */
export const getPolicy: Handler = ({ store, headers }) => {
  const { etag, policy } = store.policy;
  const wanted = (headers['if-none-match'] ?? '').split(',').map((t) => t.trim().replace(/^W\//, ''));
  if (wanted.includes(etag) || wanted.includes('*')) return { status: 304, headers: { etag } };
  const reply: S['PolicyResponse'] = { etag, policy };
  return { status: 200, body: reply, headers: { etag } };
};

/** POST /heartbeat: kept for tests and the portal; the answer says which policy is current. */
export const heartbeat: Handler = ({ store, body, device }) => {
  const beat = body as S['HeartbeatRequest'];
  device!.lastHeartbeat = beat;
  store.received.heartbeats.push({ deviceId: device!.deviceId, body: beat, at: store.nowIso() });
  const reply: S['HeartbeatResponse'] = { policyEtag: store.policy.etag };
  return { status: 200, body: reply };
};
