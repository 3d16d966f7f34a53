import type { ValidationIssue } from '../../electron/agent/hallo-api/validator';
import { enroll, getPolicy, heartbeat } from './enrolment';
import type { FaultQueue } from './faults';
import { problem, type Handler, type Reply } from './http';
import * as portal from './portal';
import { cancelSession, consent, requestSession, sessionEvent, type Signer } from './remote';
import { reportOutcome, requestRestart } from './restarts';
import { createTicket, invalidTicket, listTickets } from './tickets';
import { createTicketMessage, invalidMessage, listTicketMessages } from './messages';

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
    // Remote support, view engine and audit: contract only so far (issue 12 builds them).
    sendRemoteSignal: { handle: notYet },
    sendRemoteAudit: { handle: notYet },
    portalSendRemoteSignal: { handle: notYet },
    portalListRemoteSignals: { handle: notYet },
    portalSendRawEvent: { handle: notYet },
  };
}

const notYet: Handler = () => problem(501, 'not-implemented', 'Not built yet');
