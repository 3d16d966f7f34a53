import type { Clock, HttpTransport } from '../ports';
import { readImageHeader, type ImageHeader } from './image';
import type { BrandingProblem } from './judge';

// The customer's logo fetched through the agent's HTTP port (the system proxy and certificate
// store in the app): https only (judge.ts), no redirect followed, bounded in time and bytes
// while it arrives, then judged by its own bytes.

/** Policy.branding's limits (openapi.json): a logo, not a photo; the popup shows it 32 px high. */
export const LOGO_MAX_BYTES = 100 * 1024;
export const LOGO_MAX_PIXELS = 1024;
/** A logo is small: a server that takes longer is not worth the wait (the cached or default one shows meanwhile). */
export const LOGO_TIMEOUT_MS = 15_000;

export interface Logo extends ImageHeader {
  bytes: Uint8Array;
}

export type LogoOutcome = { ok: true; logo: Logo } | { ok: false; problem: BrandingProblem };

const FIELD = 'branding.logoUrl';

/** `stop` (the agent stopping) ends the fetch at once, as the timeout does. */
export async function fetchLogo(url: string, deps: { http: HttpTransport; clock: Clock; stop?: AbortSignal }): Promise<LogoOutcome> {
  const controller = new AbortController();
  let timer: unknown = null;
  let onStop: (() => void) | null = null;
  // Also for a transport that does not hear the abort: the race ends the wait.
  const ended = new Promise<never>((_, reject) => {
    const end = (error: Error) => {
      controller.abort(error);
      reject(error);
    };
    timer = deps.clock.setTimeout(() => end(new Error(`no logo within ${LOGO_TIMEOUT_MS / 1000} s`)), LOGO_TIMEOUT_MS);
    onStop = () => end(new Error('the agent stopped'));
    if (deps.stop?.aborted) onStop();
    else deps.stop?.addEventListener('abort', onStop, { once: true });
  });
  try {
    const bytes = await Promise.race([download(url, deps.http, controller.signal), ended]);
    if ('problem' in bytes) return { ok: false, problem: bytes.problem };
    return judgeLogo(bytes.body);
  } catch (error) {
    return unreachable(reasonOf(error));
  } finally {
    deps.clock.clearTimeout(timer);
    if (onStop) deps.stop?.removeEventListener('abort', onStop);
  }
}

/** A logo's bytes judged: a PNG, JPEG or WebP by its header, within the byte and pixel limits. */
export function judgeLogo(bytes: Uint8Array): LogoOutcome {
  if (bytes.length > LOGO_MAX_BYTES) return tooLarge(`${bytes.length} bytes, at most ${LOGO_MAX_BYTES}`);
  const header = readImageHeader(bytes);
  if (!header) return { ok: false, problem: { field: FIELD, code: 'logo-not-image', detail: 'not a PNG, JPEG or WebP by its first bytes' } };
  if (header.width > LOGO_MAX_PIXELS || header.height > LOGO_MAX_PIXELS) {
    return tooLarge(`${header.width} × ${header.height} pixels, at most ${LOGO_MAX_PIXELS} × ${LOGO_MAX_PIXELS}`);
  }
  return { ok: true, logo: { ...header, bytes } };
}

async function download(url: string, http: HttpTransport, signal: AbortSignal): Promise<{ body: Uint8Array } | { problem: BrandingProblem }> {
  const response = await http.fetch(url, {
    method: 'GET',
    headers: { accept: 'image/png, image/jpeg, image/webp' },
    signal,
    redirect: 'manual',
  });
  if (!response.ok) {
    await response.body?.cancel().catch(() => undefined);
    const redirect = response.status >= 300 && response.status < 400 ? ' (a redirect, not followed)' : '';
    return unreachable(`HTTP ${response.status}${redirect}`);
  }
  const declared = Number(response.headers.get('content-length') ?? NaN);
  if (declared > LOGO_MAX_BYTES) {
    await response.body?.cancel().catch(() => undefined);
    return tooLarge(`${declared} bytes, at most ${LOGO_MAX_BYTES}`);
  }
  if (!response.body) return unreachable('an answer without a body');
  // Counted as it arrives: a server that says nothing of its length (or lies) stops at the limit.
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let length = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (!value) continue;
    length += value.length;
    if (length > LOGO_MAX_BYTES) {
      await reader.cancel().catch(() => undefined);
      return tooLarge(`more than ${LOGO_MAX_BYTES} bytes`);
    }
    chunks.push(value);
  }
  const body = new Uint8Array(length);
  let at = 0;
  for (const chunk of chunks) {
    body.set(chunk, at);
    at += chunk.length;
  }
  return { body };
}

function tooLarge(detail: string): { ok: false; problem: BrandingProblem } {
  return { ok: false, problem: { field: FIELD, code: 'logo-too-large', detail } };
}

function unreachable(detail: string): { ok: false; problem: BrandingProblem } {
  return { ok: false, problem: { field: FIELD, code: 'logo-unreachable', detail: detail.slice(0, 500) } };
}

/** "fetch failed" says little: its cause (ECONNREFUSED, a certificate not trusted) tells the admin why. */
function reasonOf(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? error.cause.message : null;
  return cause ? `${error.message}: ${cause}` : error.message;
}
