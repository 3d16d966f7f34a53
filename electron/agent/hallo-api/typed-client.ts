import type { MaybeOptionalInit } from 'openapi-fetch';
import type { ByteStream, HttpRequest, HttpResponse, HttpTransport } from '../ports';

// openapi-fetch's typed calls (a path of openapi.json, its parameters and body checked by the
// compiler) over the HttpTransport port. Its own runtime is not used: it builds every request with
// the global Request and Headers, which load undici (about 4 MB of the idle agent's memory) into an agent that otherwise
// never needs it. What the agent uses of it is small: a path template, header and query
// parameters, a JSON body, and the answer as text (validated by the caller) or as a stream.

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
type PathsWith<Paths, M extends Method> = {
  [P in keyof Paths]: Paths[P] extends { [K in M]: unknown } ? P : never;
}[keyof Paths];
type RequiredKeys<T> = { [K in keyof T]-?: object extends Pick<T, K> ? never : K }[keyof T];
/** The init argument may be left out when nothing in it is required. */
type InitArg<Init> = [RequiredKeys<Init>] extends [never] ? [Init?] : [Init];

/** The answer as it came: `data` on 2xx, `error` otherwise; the text, or the stream if asked. */
export interface Answer {
  response: HttpResponse;
  data?: string | ByteStream | null;
  error?: string;
}

type Call<Paths extends { [P in keyof Paths]: Partial<Record<Method, unknown>> }, M extends Method> = <
  P extends PathsWith<Paths, M>,
  Init extends MaybeOptionalInit<Paths[P], M>,
>(
  path: P,
  ...init: InitArg<Init>
) => Promise<Answer>;

export interface TypedClient<Paths extends { [P in keyof Paths]: Partial<Record<Method, unknown>> }> {
  GET: Call<Paths, 'get'>;
  POST: Call<Paths, 'post'>;
  PUT: Call<Paths, 'put'>;
  PATCH: Call<Paths, 'patch'>;
  DELETE: Call<Paths, 'delete'>;
}

interface Init {
  params?: { path?: Record<string, unknown>; query?: Record<string, unknown>; header?: Record<string, unknown> };
  headers?: Record<string, unknown>;
  body?: unknown;
  parseAs?: string;
  signal?: AbortSignal;
}

export function createTypedClient<Paths extends { [P in keyof Paths]: Partial<Record<Method, unknown>> }>(opts: {
  baseUrl: string;
  http: HttpTransport;
}): TypedClient<Paths> {
  const base = opts.baseUrl.replace(/\/+$/, '');
  async function call(method: string, path: string, init: Init = {}): Promise<Answer> {
    const { params = {}, body } = init;
    const request: HttpRequest = {
      method,
      // As openapi-fetch merges them: a header parameter wins over a plain header.
      headers: {
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        ...textValues(init.headers),
        ...textValues(params.header),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: init.signal,
      redirect: 'manual',
    };
    const response = await opts.http.fetch(base + filledPath(path, params.path) + queryOf(params.query), request);
    if (init.parseAs === 'stream' && response.ok) return { response, data: response.body };
    const text = await response.text();
    return response.ok ? { response, data: text } : { response, error: text };
  }
  const as =
    (method: string) =>
    (path: string, init?: Init): Promise<Answer> =>
      call(method, path, init);
  return { GET: as('GET'), POST: as('POST'), PUT: as('PUT'), PATCH: as('PATCH'), DELETE: as('DELETE') } as unknown as TypedClient<Paths>;
}

/** `/remote-sessions/{sessionId}/consent` with its parameter, each one encoded. */
function filledPath(template: string, values: Record<string, unknown> = {}): string {
  return template.replace(/\{([^{}]+)\}/g, (_, name: string) => encodeURIComponent(String(values[name])));
}

/** form style, exploded (OpenAPI's default): `a=1&b=x&b=y`; absent values left out. */
function queryOf(query: Record<string, unknown> = {}): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    for (const one of Array.isArray(value) ? value : [value]) if (one !== undefined && one !== null) search.append(name, String(one));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

function textValues(values: Record<string, unknown> = {}): Record<string, string> {
  return Object.fromEntries(Object.entries(values).flatMap(([k, v]) => (v === undefined || v === null ? [] : [[k, String(v)]])));
}
