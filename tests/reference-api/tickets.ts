import { ulid } from 'ulid';
import type { components } from '../../electron/agent/hallo-api/openapi';
import type { ValidationIssue } from '../../electron/agent/hallo-api/validator';
import { fieldErrors, problem, type FieldError, type Handler, type Reply } from './http';
import type { MessageRecord, TicketRecord } from './store';

type S = components['schemas'];
const FIRST_NUMBER = 10001;
const USER_FIELDS = ['/subject', '/description', '/contact'];

/**
 * A ticket body that failed its schema: an attachment over the hard cap is 413 like one over the
 * policy's; what the user can fix in the form is 422; anything else is the agent's bug (null: 400).
 */
export function invalidTicket(issues: ValidationIssue[]): Reply | null {
  if (issues.some((i) => i.keyword === 'maxLength' && /^\/attachments\/\d+\/dataBase64$/.test(i.pointer))) {
    return problem(413, 'attachment-too-large', 'An attachment is larger than the API accepts');
  }
  if (issues.every((i) => USER_FIELDS.some((f) => i.pointer === f || i.pointer.startsWith(`${f}/`)))) {
    return problem(422, 'invalid-fields', 'Some fields cannot be accepted', fieldErrors(issues));
  }
  return null;
}

/** base64 length → bytes, without decoding megabytes just to count them. */
export function decodedBytes(base64: string): number {
  const padding = base64.endsWith('==') ? 2 : base64.endsWith('=') ? 1 : 0;
  return Math.floor((base64.length * 3) / 4) - padding;
}

/** What the servicedesk and the thread show of an attachment: never its data. */
export function attachmentInfo(a: S['Attachment']): S['TicketMessageAttachment'] {
  return { name: a.name, contentType: a.contentType, bytes: decodedBytes(a.dataBase64) };
}

function created(ticket: TicketRecord): S['TicketCreated'] {
  return {
    ticketId: ticket.ticketId,
    number: ticket.number,
    status: ticket.status,
    createdAt: ticket.createdAt,
    url: `https://mijn.hallo.eu/tickets/${ticket.number}`,
  };
}

export function summary(ticket: TicketRecord): S['TicketSummary'] {
  return {
    ticketId: ticket.ticketId,
    number: ticket.number,
    subject: ticket.request.subject,
    status: ticket.status,
    createdAt: ticket.createdAt,
    updatedAt: ticket.updatedAt,
    ...(ticket.lastReply ? { lastReply: ticket.lastReply } : {}),
  };
}

export function portalTicket(ticket: TicketRecord): S['PortalTicket'] {
  const { request } = ticket;
  return {
    ...summary(ticket),
    deviceId: ticket.deviceId,
    idempotencyKey: ticket.idempotencyKey,
    description: request.description,
    contact: request.contact,
    diagnostics: request.diagnostics,
    category: request.category,
    urgency: request.urgency,
    attachments: (request.attachments ?? []).map(attachmentInfo),
  };
}

/** POST /tickets: one ticket per Idempotency-Key, whatever happens to the answers. */
export const createTicket: Handler = ({ store, body, headers, device }) => {
  const key = String(headers['idempotency-key']);
  const request = body as S['TicketCreateRequest'];
  const record = (status: number) =>
    store.received.tickets.push({ deviceId: device!.deviceId, idempotencyKey: key, body, status });

  const earlier = store.tickets.find((t) => t.deviceId === device!.deviceId && t.idempotencyKey === key);
  if (earlier) {
    record(200);
    return { status: 200, body: created(earlier) };
  }

  const limits = store.policy.policy.tickets;
  const tooBig = (request.attachments ?? []).findIndex((a) => decodedBytes(a.dataBase64) > limits.maxAttachmentBytes);
  if (tooBig >= 0) {
    record(413);
    return problem(413, 'attachment-too-large', `Attachment ${tooBig} is larger than ${limits.maxAttachmentBytes} bytes`);
  }
  const errors: FieldError[] = [];
  if ([...request.description].length > limits.maxDescriptionChars) errors.push({ field: '/description', code: 'too-long' });
  if (!limits.categories.some((c) => c.id === request.category)) errors.push({ field: '/category', code: 'unknown-category' });
  if (errors.length) {
    record(422);
    return problem(422, 'invalid-ticket', 'Some fields cannot be accepted', errors);
  }

  const now = store.nowIso();
  const ticketId = `tkt_${ulid()}`;
  const attachments = (request.attachments ?? []).map(attachmentInfo);
  // The report opens the thread (seq 1). No ticket.message for it: the agent that sent it knows.
  const report: MessageRecord = {
    messageId: `msg_${ulid()}`,
    seq: 1,
    ticketId,
    kind: 'message',
    author: 'employee',
    name: request.contact.name,
    at: now,
    text: request.description,
    ...(attachments.length ? { attachments } : {}),
    idempotencyKey: key,
  };
  const ticket: TicketRecord = {
    ticketId,
    number: FIRST_NUMBER + store.ticketsMade++,
    deviceId: device!.deviceId,
    idempotencyKey: key,
    request,
    status: 'new',
    createdAt: now,
    updatedAt: now,
    thread: [report],
  };
  store.tickets.push(ticket);
  record(201);
  return { status: 201, body: created(ticket) };
};

/** GET /tickets: this device's tickets, newest first. */
export const listTickets: Handler = ({ store, device }) => ({
  status: 200,
  body: store.tickets.filter((t) => t.deviceId === device!.deviceId).reverse().map(summary),
});
