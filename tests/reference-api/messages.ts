import type { components } from '../../electron/agent/hallo-api/openapi';
import type { ValidationIssue } from '../../electron/agent/hallo-api/validator';
import { fieldErrors, problem, type FieldError, type Handler, type Reply } from './http';
import type { DeviceRecord, Store, TicketRecord } from './store';
import { addMessage, changeStatus, pageOf, publicMessage } from './thread';
import { attachmentInfo, decodedBytes } from './tickets';

type S = components['schemas'];
const DEFAULT_LIMIT = 50; // openapi.json's default for `limit`

// The employee's side of a ticket's conversation: read it page by page, reply, say it is solved.

/** One of this device's tickets; another device's is as unknown as a deleted one (404 either way). */
function deviceTicket(store: Store, device: DeviceRecord, ticketId: string): TicketRecord | null {
  return store.tickets.find((t) => t.ticketId === ticketId && t.deviceId === device.deviceId) ?? null;
}

const gone = (ticketId: string) => problem(404, 'unknown-ticket', `No ticket ${ticketId} for this device`);

/** GET /tickets/{ticketId}/messages: one page, never more than `limit`. */
export const listTicketMessages: Handler = ({ store, device, params, query }) => {
  const ticket = deviceTicket(store, device!, params.ticketId!);
  if (!ticket) return gone(params.ticketId!);
  const page = pageOf(ticket, { before: query.before, after: query.after, limit: query.limit ? Number(query.limit) : DEFAULT_LIMIT });
  return typeof page === 'string' ? problem(400, 'invalid-cursor', page) : { status: 200, body: page };
};

/** A reply that failed its schema: an attachment over the hard cap is 413, a text too long 422, the rest 400. */
export function invalidMessage(issues: ValidationIssue[]): Reply | null {
  if (issues.some((i) => i.keyword === 'maxLength' && /^\/attachments\/\d+\/dataBase64$/.test(i.pointer))) {
    return problem(413, 'attachment-too-large', 'An attachment is larger than the API accepts');
  }
  if (issues.every((i) => i.pointer === '/text')) return problem(422, 'invalid-fields', 'Some fields cannot be accepted', fieldErrors(issues));
  return null;
}

/**
 * POST /tickets/{ticketId}/messages: one message per Idempotency-Key, whatever happens to the
 * answers. A replay is answered before anything else is judged: the retry of a "solved" whose
 * answer was lost finds the ticket closed by it, and must still hear 200.
 */
export const createTicketMessage: Handler = ({ store, streams, device, params, headers, body }) => {
  const key = String(headers['idempotency-key']);
  const ticketId = params.ticketId!;
  const request = body as S['TicketMessageCreateRequest'];
  const record = (status: number) => store.received.messages.push({ deviceId: device!.deviceId, ticketId, idempotencyKey: key, body, status });

  const ticket = deviceTicket(store, device!, ticketId);
  if (!ticket) {
    record(404);
    return gone(ticketId);
  }
  const earlier = ticket.thread.find((m) => m.idempotencyKey === key);
  if (earlier) {
    record(200);
    return { status: 200, body: publicMessage(earlier) };
  }
  if (ticket.status === 'closed') {
    record(409);
    return problem(409, 'ticket-closed', `Ticket ${ticket.number} is closed and takes no replies`);
  }
  const limits = store.policy.policy.tickets;
  const attachments = request.attachments ?? [];
  if (attachments.some((a) => decodedBytes(a.dataBase64) > limits.maxAttachmentBytes)) {
    record(413);
    return problem(413, 'attachment-too-large', `The attachment is larger than ${limits.maxAttachmentBytes} bytes`);
  }
  const blank = request.text.trim() === '';
  const errors: FieldError[] = [];
  if ([...request.text].length > limits.maxDescriptionChars) errors.push({ field: '/text', code: 'too-long' });
  else if (blank && request.resolution !== 'solved') errors.push({ field: '/text', code: 'required' });
  if (request.resolution && ticket.status !== 'resolved') errors.push({ field: '/resolution', code: 'not-resolved' });
  if (errors.length) {
    record(422);
    return problem(422, 'invalid-message', 'Some fields cannot be accepted', errors);
  }

  const message = addMessage(
    store,
    streams,
    ticket,
    {
      kind: 'message',
      author: 'employee',
      name: ticket.request.contact.name,
      ...(blank ? {} : { text: request.text }),
      ...(request.resolution ? { resolution: request.resolution } : {}),
      ...(attachments.length ? { attachments: attachments.map(attachmentInfo) } : {}),
    },
    key,
  );
  const next: S['TicketStatus'] | null =
    request.resolution === 'solved' ? 'closed' : request.resolution === 'not-solved' || ticket.status === 'waiting' ? 'open' : null;
  if (next) changeStatus(store, streams, ticket, next, { author: 'system', name: '' });
  record(201);
  return { status: 201, body: publicMessage(message) };
};
