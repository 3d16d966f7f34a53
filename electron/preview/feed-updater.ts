import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { SelfUpdateErrorCode } from '../contract';
import { writeFileAtomic } from '../agent/files';
import type { AppUpdater, Clock, HttpResponse, HttpTransport } from '../agent/ports';
import { SelfUpdateError } from '../agent/selfupdate/errors';
import { channelFileName, fileForPlatform, parseUpdateInfo, type FeedFile } from './update-feed';

// The preview's and the tests' AppUpdater (the app's is electron-updater, adapted by the shell):
// reads the same generic feed through the agent's HTTP port, downloads the installer into
// <data>/selfupdate/ and checks its sha512 as electron-updater does. "Installing" is the preview's
// to say: it restarts the agent as the new version (host.ts), since there is no installer to run.

/** A channel file is a few hundred bytes; anything much larger is not one. */
const MAX_FEED_BYTES = 64 * 1024;
/** No answer within this: `feed-unreachable` (the feed) or `download-failed` (the file). */
const FEED_TIMEOUT_MS = 30_000;
const DOWNLOAD_TIMEOUT_MS = 10 * 60_000;

export interface FeedUpdaterOptions {
  http: HttpTransport;
  clock: Clock;
  dataDir: string;
  platform: NodeJS.Platform;
  arch: string;
  /** Quit, install and start again: the preview relaunches the agent as `version`. */
  install(version: string): void;
  log?(msg: string, data: Record<string, unknown>): void;
}

export interface FeedUpdater extends AppUpdater {
  /** What setInstallAtQuit said last (the preview does nothing at quit). */
  readonly installAtQuit: boolean;
  /** The verified file of the last download, or null. */
  readonly downloaded: { version: string; path: string } | null;
  /**
   * At a quit: the version a ready download installs now that setInstallAtQuit is on (it is then
   * no longer pending), else null.
   */
  takeInstalledAtQuit(): string | null;
}

const fail = (code: SelfUpdateErrorCode, detail: string) => new SelfUpdateError(code, detail);

export function createFeedUpdater(opts: FeedUpdaterOptions): FeedUpdater {
  let offered: { version: string; file: FeedFile; url: string } | null = null;
  let downloaded: { version: string; path: string } | null = null;
  let installAtQuit = false;

  /** One GET bounded in time and size; the body as bytes. */
  async function get(url: string, maxBytes: number, timeoutMs: number, failure: SelfUpdateErrorCode): Promise<Uint8Array> {
    const abort = new AbortController();
    const timer = opts.clock.setTimeout(() => abort.abort(new Error(`no answer within ${timeoutMs / 1000} s`)), timeoutMs);
    try {
      let response: HttpResponse;
      try {
        response = await opts.http.fetch(url, { method: 'GET', headers: { accept: '*/*' }, signal: abort.signal, redirect: 'manual' });
      } catch (error) {
        throw fail(failure, `${url}: ${String((error as { cause?: unknown }).cause ?? error)}`);
      }
      if (response.status !== 200) {
        await response.body?.cancel();
        throw fail(failure, `${url}: HTTP ${response.status}`);
      }
      const reader = response.body?.getReader();
      if (!reader) throw fail(failure, `${url}: no body`);
      const chunks: Uint8Array[] = [];
      let size = 0;
      for (;;) {
        const { done, value } = await reader.read().catch((error: unknown) => {
          throw fail(failure, `${url}: ${String(error)}`);
        });
        if (done || !value) break;
        size += value.byteLength;
        if (size > maxBytes) {
          await reader.cancel();
          throw fail(failure === 'feed-unreachable' ? 'feed-invalid' : 'hash-mismatch', `${url}: more than ${maxBytes} bytes`);
        }
        chunks.push(value);
      }
      return Buffer.concat(chunks);
    } finally {
      opts.clock.clearTimeout(timer);
    }
  }

  return {
    get installAtQuit() {
      return installAtQuit;
    },
    get downloaded() {
      return downloaded;
    },
    async check(feed) {
      // As electron-updater's newBaseUrl: the feed URL is a folder.
      const base = new URL(feed.url.endsWith('/') ? feed.url : `${feed.url}/`);
      const channelUrl = new URL(channelFileName(feed.channel, opts.platform, opts.arch), base).toString();
      const text = Buffer.from(await get(channelUrl, MAX_FEED_BYTES, FEED_TIMEOUT_MS, 'feed-unreachable')).toString('utf8');
      const parsed = parseUpdateInfo(text);
      if (!parsed.ok) throw fail('feed-invalid', `${channelUrl}: ${parsed.detail}`);
      const file = fileForPlatform(parsed.info, opts.platform);
      const url = new URL(file.url, base);
      // The installer comes from where the feed is: a feed cannot send the agent elsewhere.
      if (url.origin !== base.origin) throw fail('feed-invalid', `${channelUrl}: ${file.url} is not on the feed's host`);
      offered = { version: parsed.info.version, file, url: url.toString() };
      opts.log?.('feed read', { url: channelUrl, version: parsed.info.version, file: file.url });
      return { version: parsed.info.version, releaseDate: parsed.info.releaseDate ?? null };
    },
    async download() {
      if (!offered) throw fail('download-failed', 'nothing offered: check first');
      const { version, file, url } = offered;
      const bytes = await get(url, file.size, DOWNLOAD_TIMEOUT_MS, 'download-failed');
      const sha512 = createHash('sha512').update(bytes).digest('base64');
      if (bytes.byteLength !== file.size || sha512 !== file.sha512) {
        throw fail('hash-mismatch', `${url}: ${bytes.byteLength} bytes, sha512 ${sha512}; the feed says ${file.size} bytes, ${file.sha512}`);
      }
      const name = url.split('/').pop()!.replace(/[^A-Za-z0-9._-]/g, '_') || 'update.bin';
      const path = join(opts.dataDir, 'selfupdate', name);
      try {
        await writeFileAtomic(path, bytes);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        throw fail(code === 'ENOSPC' || code === 'EDQUOT' ? 'disk-full' : 'download-failed', `${path}: ${String(error)}`);
      }
      downloaded = { version, path };
      opts.log?.('update downloaded and verified', { version, path, bytes: bytes.byteLength });
    },
    takeInstalledAtQuit() {
      if (!installAtQuit || !downloaded) return null;
      const { version } = downloaded;
      downloaded = null;
      offered = null;
      installAtQuit = false;
      return version;
    },
    setInstallAtQuit(on) {
      installAtQuit = on;
    },
    installNow() {
      if (!downloaded) throw fail('install-failed', 'nothing downloaded');
      const { version } = downloaded;
      downloaded = null;
      offered = null;
      opts.install(version);
    },
  };
}
