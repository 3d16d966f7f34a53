import type { components } from '../../electron/agent/hallo-api/openapi';
import type { Policy } from './demo-policy';
import type { FaultQueue } from './faults';
import { problem, type Handler } from './http';
import { auditOf } from './remote-audit';
import { maintenanceOf } from './maintenance';
import { sessionView } from './remote-sessions';
import type { EventStreams } from './sse';
import type { Store } from './store';
import { addMessage, changeStatus } from './thread';
import { portalTicket } from './tickets';

type S = components['schemas'];

// The technician's side: what hallo,'s portal can do, plus the test and demo powers.

export const listTickets: Handler = ({ store }) => ({ status: 200, body: store.tickets.map(portalTicket) });

/**
 * PATCH /portal/tickets/{ticketId}: the servicedesk's reply and/or a new status, added to the
 * thread in that order (a question, then "Wacht op jouw reactie"). The device hears
 * ticket.message for each, and ticket.updated in any case (agents before the thread listen to it).
 */
export const updateTicket: Handler = ({ store, streams, params, body }) => {
  const ticket = store.tickets.find((t) => t.ticketId === params.ticketId);
  if (!ticket) return problem(404, 'unknown-ticket', `No ticket ${params.ticketId}`);
  const patch = body as S['PortalTicketPatch'];
  if (patch.reply) addMessage(store, streams, ticket, { kind: 'message', author: 'servicedesk', name: patch.reply.from, text: patch.reply.text }, null);
  const changed = patch.status !== undefined && changeStatus(store, streams, ticket, patch.status, { author: 'servicedesk', name: patch.reply?.from ?? '' });
  if (!changed) {
    ticket.updatedAt = store.nowIso();
    streams.emit(ticket.deviceId, 'ticket.updated', { ticketId: ticket.ticketId, status: ticket.status });
  }
  return { status: 200, body: portalTicket(ticket) };
};

/** GET /portal/tickets/{ticketId}/messages: the whole thread, each message with the key it came with. */
export const listTicketMessages: Handler = ({ store, params }) => {
  const ticket = store.tickets.find((t) => t.ticketId === params.ticketId);
  if (!ticket) return problem(404, 'unknown-ticket', `No ticket ${params.ticketId}`);
  const thread: S['PortalTicketThread'] = { ticketId: ticket.ticketId, messages: ticket.thread };
  return { status: 200, body: thread };
};

/** DELETE /portal/tickets/{ticketId}: gone for good; the device gets 404 for it from now on. */
export const deleteTicket: Handler = ({ store, params }) => {
  const index = store.tickets.findIndex((t) => t.ticketId === params.ticketId);
  if (index < 0) return problem(404, 'unknown-ticket', `No ticket ${params.ticketId}`);
  store.tickets.splice(index, 1);
  return { status: 204 };
};

export const getDevice: Handler = ({ store, params }) => {
  const record = store.devices.get(params.deviceId!);
  if (!record) return problem(404, 'unknown-device', `No device ${params.deviceId}`);
  const reply: S['PortalDevice'] = {
    deviceId: record.deviceId,
    device: record.device,
    tenant: record.tenant,
    enrolledAt: record.enrolledAt,
    lastSeenAt: record.lastSeenAt,
    lastHeartbeat: record.lastHeartbeat,
    tokenRevoked: record.token === null,
    restartRequests: store.restartRequests.filter((r) => r.deviceId === record.deviceId),
    restartOutcomes: store.restartOutcomes.filter((o) => o.deviceId === record.deviceId).map((o) => o.outcome),
    remoteSessions: [...store.sessions.values()].filter((s) => s.deviceId === record.deviceId).map((s) => sessionView(s, store.now())),
    remoteAudit: auditOf(store, record.deviceId),
    maintenance: maintenanceOf(store, record.deviceId),
  };
  return { status: 200, body: reply };
};

/** DELETE /portal/devices/{deviceId}/token: the device's next call gets 401; its streams end. */
export const revokeToken: Handler = ({ store, streams, params }) => {
  const record = store.devices.get(params.deviceId!);
  if (!record) return problem(404, 'unknown-device', `No device ${params.deviceId}`);
  record.token = null;
  streams.closeDevice(record.deviceId);
  return { status: 204 };
};

/** GET /portal/policy: what every device gets now (a technician's starting point for a change). */
export const getPolicy: Handler = ({ store }) => ({ status: 200, body: store.policy });

/** PUT /portal/policy: the new policy, a new etag, and policy.changed to every device. */
export const replacePolicy: Handler = ({ store, streams, body }) => ({ status: 200, body: publishPolicy(store, streams, body as Policy) });

export function publishPolicy(store: Store, streams: EventStreams, policy: Policy): S['PolicyResponse'] {
  const current = store.setPolicy(policy);
  for (const deviceId of store.devices.keys()) streams.emit(deviceId, 'policy.changed', { etag: current.etag });
  return current;
}

export function injectFaults(faults: FaultQueue): Handler {
  return ({ body }) => {
    faults.push(...(body as S['FaultsRequest']).faults);
    return { status: 204 };
  };
}

/** DELETE /portal/faults: the faults not yet fired are dropped; the API answers normally again. */
export function clearFaults(faults: FaultQueue): Handler {
  return () => {
    faults.clear();
    return { status: 204 };
  };
}

export const createEnrollmentCode: Handler = ({ store, body }) => {
  const ask = body as S['EnrollmentCodeRequest'];
  return { status: 201, body: store.addCode({ ttlSeconds: ask.ttlSeconds, tenantName: ask.tenantName }) };
};
