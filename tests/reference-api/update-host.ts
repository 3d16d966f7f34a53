import { createHash, randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { stringify } from 'yaml';
import { z } from 'zod';
import { SELF_UPDATE_CHANNELS, type SelfUpdateChannel } from '../../electron/contract';
import { sameSecret, bearerToken } from './auth';
import { readBody } from './http';

// The agent's update host, as a static folder of electron-builder's output would be: outside the
// API's /v1 and the OpenAPI file, no auth to read (like any update mirror). The feed's folder is
// `/updates`: the channel files `latest.yml`, `latest-mac.yml`, `latest-linux.yml`,
// `latest-linux-arm64.yml` (and `beta*.yml`) and the installers they name.
// A release is published with the portal token:
//   POST /updates/releases {version, channel?, bytes?, fault?}  → 201 {version, channel, files, sha512}
// which makes a small installer of `bytes` random bytes (default 4096) under the three OSes'
// names, its sha512, and the channel files. Faults, for the agent's bad-input paths:
//   garbage   the channel files are not an UpdateInfo
//   older     the channel files offer 0.0.1 (older than any agent)
//   bad-hash  the channel files name a sha512 that is not the file's

export const UPDATES_PREFIX = '/updates';

export const ReleaseRequest = z
  .object({
    version: z.string().regex(/^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/).max(64),
    channel: z.enum(SELF_UPDATE_CHANNELS).default('stable'),
    bytes: z.number().int().min(1).max(16 * 1024 * 1024).default(4096),
    fault: z.enum(['garbage', 'older', 'bad-hash']).optional(),
  })
  .strict();
export type ReleaseRequest = z.input<typeof ReleaseRequest>;

export interface PublishedRelease {
  version: string;
  channel: SelfUpdateChannel;
  files: string[];
  sha512: string;
}

const SUFFIXES = ['', '-mac', '-linux', '-linux-arm64'] as const;
const installers = (version: string) => [`hallo-agent-Setup-${version}.exe`, `hallo-agent-${version}-mac.zip`, `hallo-agent-${version}.AppImage`];

export class UpdateHost {
  private readonly files = new Map<string, { body: Buffer; type: string }>();

  constructor(private readonly now: () => number) {}

  /** Publishes a release on its channel: the channel files name it from now on. */
  publish(ask: ReleaseRequest): PublishedRelease {
    const release = ReleaseRequest.parse(ask);
    const bytes = randomBytes(release.bytes);
    const sha512 = createHash('sha512').update(bytes).digest('base64');
    const names = installers(release.version);
    for (const name of names) this.files.set(`/${name}`, { body: bytes, type: 'application/octet-stream' });
    const claimed = release.fault === 'bad-hash' ? createHash('sha512').update('not the file').digest('base64') : sha512;
    const info = {
      version: release.fault === 'older' ? '0.0.1' : release.version,
      files: names.map((url) => ({ url, sha512: claimed, size: bytes.byteLength })),
      path: names[0],
      sha512: claimed,
      releaseDate: new Date(this.now()).toISOString(),
    };
    const text = release.fault === 'garbage' ? '<html>garbage</html>\n' : stringify(info);
    const channelName = release.channel === 'stable' ? 'latest' : release.channel;
    for (const suffix of SUFFIXES) this.files.set(`/${channelName}${suffix}.yml`, { body: Buffer.from(text), type: 'text/yaml; charset=utf-8' });
    return { version: release.version, channel: release.channel, files: names, sha512 };
  }

  /** Answers /updates/…; false for any other path (the caller carries on). */
  async serve(req: IncomingMessage, res: ServerResponse, pathname: string, portalToken: string): Promise<boolean> {
    if (pathname !== UPDATES_PREFIX && !pathname.startsWith(`${UPDATES_PREFIX}/`)) return false;
    const path = pathname.slice(UPDATES_PREFIX.length);
    const json = (status: number, body: unknown) => res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' }).end(JSON.stringify(body));
    if (path === '/releases') {
      if (req.method !== 'POST') return json(405, { error: 'POST only' }), true;
      const token = bearerToken(req.headers);
      if (!(token && sameSecret(token, portalToken))) return json(401, { error: 'portal token required' }), true;
      const raw = await readBody(req, 4096);
      let body: unknown;
      try {
        body = JSON.parse(raw?.toString('utf8') ?? '');
      } catch {
        return json(400, { error: 'the body is not JSON' }), true;
      }
      const ask = ReleaseRequest.safeParse(body);
      if (!ask.success) return json(400, { error: ask.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') }), true;
      return json(201, this.publish(ask.data)), true;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return json(405, { error: 'GET only' }), true;
    const file = this.files.get(path);
    if (!file) return json(404, { error: `nothing published at ${pathname}` }), true;
    res.writeHead(200, { 'content-type': file.type, 'content-length': String(file.body.byteLength), 'cache-control': 'no-store' });
    res.end(req.method === 'HEAD' ? undefined : file.body);
    return true;
  }
}
