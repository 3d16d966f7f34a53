import { request as httpRequest, type IncomingMessage } from 'node:http';
import type { ByteStream, HttpRequest, HttpResponse, HttpTransport } from '../agent/ports';

/**
 * The agent's HTTP port on node:http, for the preview, the integration tests and the bench. Not
 * fetch: fetch loads undici (about 4 MB of the idle agent's memory, for good). node:https loads only for an https URL.
 * Like fetch with `redirect: 'manual'`: a redirect is an answer, never followed.
 */
export function createNodeHttp(): HttpTransport {
  return { fetch: send };
}

async function send(url: string, init: HttpRequest): Promise<HttpResponse> {
  const target = new URL(url);
  if (target.protocol !== 'http:' && target.protocol !== 'https:') throw new TypeError('fetch failed', { cause: new Error(`not http(s): ${target.protocol}`) });
  const request = target.protocol === 'https:' ? (await import('node:https')).request : httpRequest;
  init.signal?.throwIfAborted();
  return new Promise((resolve, reject) => {
    const outgoing = request(target, { method: init.method, headers: init.headers, signal: init.signal }, (incoming) =>
      resolve(responseOf(incoming)),
    );
    // As fetch: an abort rejects with the signal's reason; anything else is "fetch failed", why in cause.
    outgoing.on('error', (error) => reject(init.signal?.aborted ? init.signal.reason : new TypeError('fetch failed', { cause: error })));
    outgoing.end(init.body);
  });
}

function responseOf(incoming: IncomingMessage): HttpResponse {
  // Whoever reads the body (text() or the stream, both through its iterator) hears of a failure.
  incoming.on('error', () => undefined);
  const status = incoming.statusCode ?? 0;
  let stream: ByteStream | null = null;
  return {
    status,
    ok: status >= 200 && status < 300,
    headers: {
      get(name) {
        const value = incoming.headers[name.toLowerCase()];
        return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
      },
    },
    async text() {
      const chunks: Buffer[] = [];
      for await (const chunk of incoming) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks).toString('utf8');
    },
    get body() {
      stream ??= byteStream(incoming);
      return stream;
    },
  };
}

/** The socket's chunks as they arrive; cancelling ends the connection. */
function byteStream(incoming: IncomingMessage): ByteStream {
  const chunks = incoming[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  const cancel = async () => void incoming.destroy();
  return {
    getReader: () => ({
      async read() {
        const next = await chunks.next();
        return next.done ? { done: true } : { done: false, value: next.value };
      },
      cancel,
    }),
    cancel,
  };
}
