import type { components } from './openapi';

// Names for the schemas the agent works with; all generated from openapi.json (npm run api:types).
type Schemas = components['schemas'];
export type Policy = Schemas['Policy'];
export type HealthThresholds = Schemas['HealthThresholds'];
export type PolicyResponse = Schemas['PolicyResponse'];
export type EnrollRequest = Schemas['EnrollRequest'];
export type EnrollmentDevice = Schemas['EnrollmentDevice'];
export type EnrollResponse = Schemas['EnrollResponse'];
export type HeartbeatBody = Schemas['HeartbeatRequest'];
export type HeartbeatResponse = Schemas['HeartbeatResponse'];
export type TicketCreateRequest = Schemas['TicketCreateRequest'];
export type TicketCreated = Schemas['TicketCreated'];
export type TicketList = Schemas['TicketList'];
export type TicketMessage = Schemas['TicketMessage'];
export type TicketMessagePage = Schemas['TicketMessagePage'];
export type TicketMessageCreateRequest = Schemas['TicketMessageCreateRequest'];
export type ConsentRequest = Schemas['ConsentRequest'];
export type ConsentResponse = Schemas['ConsentResponse'];
export type SessionEventRequest = Schemas['SessionEventRequest'];
export type RemoteSignal = Schemas['RemoteSignal'];
export type RemoteAuditEntry = Schemas['RemoteAuditEntry'];
export type RemoteConnection = Schemas['RemoteConnection'];
export type IceServer = Schemas['IceServer'];
export type RemoteSessionRequestClaims = Schemas['RemoteSessionRequestClaims'];
export type RestartOutcome = Schemas['RestartOutcome'];
export type UpdatesSummary = Schemas['UpdatesSummary'];
export type ChecksPolicy = Schemas['ChecksPolicy'];
export type MaintenanceItem = Schemas['MaintenanceEntry'];
export type MaintenanceList = Schemas['MaintenanceList'];

/** The server-sent events and their payloads (openapi.json, `x-events` of GET /events). */
export interface ServerEvents {
  'remote-session.requested': Schemas['RemoteSessionRequestedEvent'];
  'remote-session.cancelled': Schemas['RemoteSessionCancelledEvent'];
  'ticket.updated': Schemas['TicketUpdatedEvent'];
  'ticket.message': Schemas['TicketMessageEvent'];
  'policy.changed': Schemas['PolicyChangedEvent'];
  'restart.requested': Schemas['RestartRequestedEvent'];
  'remote-session.signal': Schemas['RemoteSignalEvent'];
}
export type ServerEventType = keyof ServerEvents;
export type ServerEvent = { [K in ServerEventType]: { id: string | null; type: K; data: ServerEvents[K] } }[ServerEventType];
