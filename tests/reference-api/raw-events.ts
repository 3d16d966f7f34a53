import type { components } from '../../electron/agent/hallo-api/openapi';
import { problem, type Handler } from './http';

type S = components['schemas'];

/**
 * POST /portal/devices/{deviceId}/events: any event, its data as it is, on the device's stream with
 * the next event id (so replayed after a reconnect like any other). Unchecked on purpose: tests and
 * demos send forged, expired and replayed requests through the real stream with it.
 */
export const sendRawEvent: Handler = ({ store, streams, params, body }) => {
  if (!store.devices.has(params.deviceId!)) return problem(404, 'unknown-device', `No device ${params.deviceId}`);
  const { type, data } = body as S['PortalRawEvent'];
  const event = streams.deliver(params.deviceId!, type, data);
  const reply: S['PortalRawEventSent'] = { id: String(event.id) };
  return { status: 202, body: reply };
};
