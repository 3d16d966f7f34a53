import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import type { ValidationIssue } from '../../electron/agent/hallo-api/validator';
import type { DeviceRecord, Store } from './store';
import type { EventStreams } from './sse';

/** What a handler sees: the request already authenticated, parsed and validated. */
export interface Ctx {
  store: Store;
  streams: EventStreams;
  operationId: string;
  params: Record<string, string>;
  /** The query string, already checked against the operation's parameters. */
  query: Record<string, string>;
  headers: IncomingHttpHeaders;
  body: unknown;
  /** The calling device, for every operation secured with a device token. */
  device: DeviceRecord | null;
  req: IncomingMessage;
  res: ServerResponse;
}

export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}
/** A handler answers with a Reply, or 'streaming' when it took the response over (SSE). */
export type Handler = (ctx: Ctx) => Reply | 'streaming' | Promise<Reply | 'streaming'>;

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Content Too Large',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export interface FieldError {
  field: string;
  code: string;
}

/** An RFC 9457 problem; `type` names the problem for machines. */
export function problem(status: number, type: string, detail?: string, errors?: FieldError[]): Reply {
  return {
    status,
    body: {
      type: `https://agent.hallo.eu/problems/${type}`,
      title: TITLES[status] ?? 'Error',
      status,
      ...(detail ? { detail } : {}),
      ...(errors ? { errors } : {}),
    },
  };
}

const FIELD_CODES: Record<string, string> = {
  maxLength: 'too-long',
  minLength: 'too-short',
  maxItems: 'too-many',
  minItems: 'too-few',
  required: 'required',
  additionalProperties: 'unknown-field',
  format: 'invalid-format',
  pattern: 'invalid-format',
};

/** Validation issues as the `errors` of a problem: one per field, in a code a client can act on. */
export function fieldErrors(issues: ValidationIssue[]): FieldError[] {
  const seen = new Map<string, string>();
  for (const issue of issues) {
    if (!seen.has(issue.pointer)) seen.set(issue.pointer, FIELD_CODES[issue.keyword] ?? 'invalid-value');
  }
  return [...seen].map(([field, code]) => ({ field, code }));
}

export function send(res: ServerResponse, reply: Reply): void {
  const headers: Record<string, string> = { 'cache-control': 'no-store', ...reply.headers };
  if (reply.body === undefined) {
    res.writeHead(reply.status, headers).end();
    return;
  }
  const isProblem = reply.status >= 400;
  headers['content-type'] = isProblem ? 'application/problem+json' : 'application/json; charset=utf-8';
  res.writeHead(reply.status, headers).end(JSON.stringify(reply.body));
}

/** Reads the body up to `limit` bytes; null when it is larger (the caller answers 413). */
export async function readBody(req: IncomingMessage, limit: number): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  let tooLarge = false;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) tooLarge = true; // keep draining so the client sees our answer, not a reset
    else chunks.push(chunk);
  }
  return tooLarge ? null : Buffer.concat(chunks);
}
