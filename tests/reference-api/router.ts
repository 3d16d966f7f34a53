import type { ValidationIssue } from '../../electron/agent/hallo-api/validator';
import { enroll, getPolicy, heartbeat } from './enrolment';
import type { FaultQueue } from './faults';
import type { Handler, Reply } from './http';
import * as portal from './portal';
import { receiveAudit } from './remote-audit';
import type { Signer } from './remote';
import { cancelSession, consent, requestSession, sessionEvent } from './remote-sessions';
import { deviceSignal, listSignals, technicianSignal } from './remote-signals';
import { sendRawEvent } from './raw-events';
import { reportOutcome, requestRestart } from './restarts';
import { createTicket, invalidTicket, listTickets } from './tickets';
import { createTicketMessage, invalidMessage, listTicketMessages } from './messages';
import { addMaintenance, listMaintenance } from './maintenance';

export interface Route {
  handle: Handler;
  /** The answer for a body that fails its schema, when it is not the generic 400 (null). */
  invalid?: (issues: ValidationIssue[]) => Reply | null;
}

/** One handler per operationId of openapi.json. */
export function routes(deps: { signer: Signer; faults: FaultQueue }): Record<string, Route> {
  return {
    enroll: { handle: enroll },
    getPolicy: { handle: getPolicy },
    heartbeat: { handle: heartbeat },
    createTicket: { handle: createTicket, invalid: invalidTicket },
    listTickets: { handle: listTickets },
    listTicketMessages: { handle: listTicketMessages },
    createTicketMessage: { handle: createTicketMessage, invalid: invalidMessage },
    events: {
      handle: ({ store, streams, device, headers, res }) => {
        const lastEventId = typeof headers['last-event-id'] === 'string' ? headers['last-event-id'] : null;
        store.received.streams.push({ deviceId: device!.deviceId, lastEventId, at: store.nowIso() });
        streams.attach(device!.deviceId, res, lastEventId);
        return 'streaming';
      },
    },
    remoteSessionConsent: { handle: consent },
    remoteSessionEvent: { handle: sessionEvent },
    portalRequestRemoteSession: { handle: requestSession(deps.signer) },
    portalCancelRemoteSession: { handle: cancelSession },
    portalListTickets: { handle: portal.listTickets },
    portalUpdateTicket: { handle: portal.updateTicket },
    portalDeleteTicket: { handle: portal.deleteTicket },
    portalListTicketMessages: { handle: portal.listTicketMessages },
    portalGetDevice: { handle: portal.getDevice },
    portalRevokeDeviceToken: { handle: portal.revokeToken },
    portalGetPolicy: { handle: portal.getPolicy },
    portalReplacePolicy: { handle: portal.replacePolicy },
    portalInjectFaults: { handle: portal.injectFaults(deps.faults) },
    portalClearFaults: { handle: portal.clearFaults(deps.faults) },
    portalCreateEnrollmentCode: { handle: portal.createEnrollmentCode },
    reportRestartOutcome: { handle: reportOutcome },
    portalRequestRestart: { handle: requestRestart },
    sendRemoteSignal: { handle: deviceSignal },
    sendRemoteAudit: { handle: receiveAudit },
    portalSendRemoteSignal: { handle: technicianSignal },
    portalListRemoteSignals: { handle: listSignals },
    portalSendRawEvent: { handle: sendRawEvent },
    getMaintenance: { handle: listMaintenance },
    portalAddMaintenance: { handle: addMaintenance },
  };
}
