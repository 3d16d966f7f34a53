import { join } from 'node:path';
import { z } from 'zod';
import { readJsonFile, writeFileAtomic } from '../files';
import type { Logger } from '../log';
import { judgeLogo, LOGO_MAX_BYTES, type Logo } from './logo';

// The last good logo in <data>/branding/logo.json, with the URL it came from: shown at start and
// while offline, until the policy names another URL. Written atomically (files.ts); read back as
// untrusted (the bytes judged again), so a damaged or planted file shows hallo,'s own logo.

/** Base64 of the largest logo plus the URL and a few fields. */
const FILE_MAX_BYTES = Math.ceil((LOGO_MAX_BYTES * 4) / 3) + 4096;

const LogoFile = z.object({
  version: z.literal(1),
  url: z.string().max(2048),
  base64: z.string().max(FILE_MAX_BYTES),
});

export interface CachedLogo {
  url: string;
  logo: Logo;
}

export class LogoCache {
  private readonly path: string;

  constructor(
    dataDir: string,
    private readonly log: Logger,
  ) {
    this.path = join(dataDir, 'branding', 'logo.json');
  }

  async load(): Promise<CachedLogo | null> {
    const read = await readJsonFile(this.path, { ownFile: { maxBytes: FILE_MAX_BYTES } });
    if (!read.ok) {
      if (!read.missing) this.log.warn('branding/logo.json cannot be read: the default logo shows', { detail: read.detail });
      return null;
    }
    const parsed = LogoFile.safeParse(read.value);
    const judged = parsed.success ? judgeLogo(Buffer.from(parsed.data.base64, 'base64')) : null;
    if (!parsed.success || !judged?.ok) {
      this.log.warn('branding/logo.json is not valid: the default logo shows');
      return null;
    }
    return { url: parsed.data.url, logo: judged.logo };
  }

  /** A failed write is only logged: the logo shows from memory and is fetched again at the next start. */
  async save(cached: CachedLogo): Promise<void> {
    const file = { version: 1, url: cached.url, base64: Buffer.from(cached.logo.bytes).toString('base64') };
    try {
      await writeFileAtomic(this.path, JSON.stringify(file));
    } catch (error) {
      this.log.warn('could not keep branding/logo.json', { error: String(error) });
    }
  }
}

/** The logo as the popup's <img> takes it (the CSP allows `img-src data:`). */
export function logoDataUrl(logo: Logo): string {
  return `data:${logo.type};base64,${Buffer.from(logo.bytes).toString('base64')}`;
}
