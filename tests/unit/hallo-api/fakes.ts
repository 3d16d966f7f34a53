import { ApiError } from '../../../electron/agent/hallo-api/api-error';
import type { HttpTransport } from '../../../electron/agent/ports';

export interface SeenRequest {
  url: string;
  path: string;
  method: string;
  headers: Headers;
  body: unknown;
}

export type FakeAnswer = Response | Error | 'hang';

/** An HttpTransport whose answers a test decides; it records every request it saw. */
export function createFakeHttp(answer: (req: SeenRequest) => FakeAnswer | Promise<FakeAnswer>): HttpTransport & {
  requests: SeenRequest[];
} {
  const requests: SeenRequest[] = [];
  return {
    requests,
    async fetch(url, init) {
      const text = typeof init?.body === 'string' ? init.body : undefined;
      const req: SeenRequest = {
        url,
        path: new URL(url).pathname.replace(/^\/v1/, ''),
        method: init?.method ?? 'GET',
        headers: new Headers(init?.headers),
        body: text ? JSON.parse(text) : undefined,
      };
      requests.push(req);
      const result = await answer(req);
      if (result === 'hang') {
        return new Promise<Response>((_, reject) => {
          init?.signal?.addEventListener('abort', () => reject(init.signal?.reason));
        });
      }
      if (result instanceof Error) throw result;
      return result;
    },
  };
}

export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  const type = status >= 400 ? 'application/problem+json' : 'application/json';
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': type, ...headers } });
}

export function problem(status: number, headers: Record<string, string> = {}): Response {
  return json(status, { type: 'about:blank', title: 'Failed', status, detail: `fake ${status}` }, headers);
}

/** The ApiError a call failed with; anything else (success, another error) fails the test. */
export async function failure(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error('expected an ApiError, but the call succeeded');
}
