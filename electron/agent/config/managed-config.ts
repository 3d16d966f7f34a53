import { z } from 'zod';
import { LanguagePreference, type ConfigProblem } from '../../contract';
import { readConfigSource, type SourceIo } from './managed-sources';

const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/i;

/** HTTPS only; plain HTTP is for a reference API on this machine (development, tests). */
export const ApiUrl = z
  .string()
  .trim()
  .refine((value) => {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      return false;
    }
    if (url.username || url.password || url.search || url.hash) return false;
    return url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK.test(url.hostname));
  }, 'must be an https URL (http only for loopback), without credentials, query or fragment')
  .transform((value) => value.replace(/\/+$/, ''));

export const EnrollmentCode = z.string().trim().min(4).max(64);

/** A host name as the allow-list compares it: lower case, no scheme, port or path. */
const HostName = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/, 'must be a host name, e.g. intranet.example.nl');

/** Each field is checked on its own, so one bad value costs only that value. */
const fields = {
  apiUrl: ApiUrl,
  enrollmentCode: EnrollmentCode,
  /** Self-update's feed (the folder of latest.yml): wins over the policy's (a site's own mirror). */
  updateFeedUrl: ApiUrl,
  /** Hosts the policy's links may point at, besides hallo,'s own and the portal's (branding). */
  allowedLinkHosts: z.array(HostName).max(50),
  language: LanguagePreference,
  reportShortcut: z.string().trim().min(1).max(64),
  remoteEndShortcut: z.string().trim().min(1).max(64),
} satisfies Record<string, z.ZodType>;

type Field = keyof typeof fields;
export type ManagedConfig = { [K in Field]?: z.output<(typeof fields)[K]> };

export interface LoadedConfig {
  config: ManagedConfig;
  /** The files that exist, in order of precedence (least important first). */
  files: string[];
  problems: ConfigProblem[];
}

/** The development overrides, applied over every file. */
const ENV: Record<string, Field> = {
  HALLO_API_URL: 'apiUrl',
  HALLO_ENROLLMENT_CODE: 'enrollmentCode',
  HALLO_LANGUAGE: 'language',
  // The preview points self-update at its bundled reference server's feed this way (http on loopback).
  HALLO_UPDATE_FEED_URL: 'updateFeedUrl',
};
export const ENV_SOURCE = 'environment';

function isField(key: string): key is Field {
  return Object.hasOwn(fields, key);
}

function applyField(target: ManagedConfig, key: Field, raw: unknown, file: string, field: string, problems: ConfigProblem[]): void {
  const parsed = fields[key].safeParse(raw);
  if (parsed.success) {
    (target as Record<Field, unknown>)[key] = parsed.data;
    return;
  }
  const issue = parsed.error.issues[0];
  const sub = issue?.path.length ? `.${issue.path.join('.')}` : '';
  problems.push({ file, field: field + sub, code: 'invalid-value', detail: issue?.message ?? 'invalid' });
}

/**
 * Reads the managed sources (later ones override earlier ones), then the HALLO_* environment. A
 * source is a JSON file, or the Windows policy key or macOS managed preferences
 * (managed-sources.ts). A missing one is normal; an unreadable or broken one becomes a problem,
 * and everything valid elsewhere (other fields, other sources) still applies. Never throws.
 */
export async function loadManagedConfig(
  files: readonly string[],
  env: Record<string, string | undefined>,
  io?: SourceIo,
): Promise<LoadedConfig> {
  const config: ManagedConfig = {};
  const problems: ConfigProblem[] = [];
  const present: string[] = [];
  for (const file of files) {
    const read = await readConfigSource(file, env, io);
    if (!read.ok && read.missing) continue;
    present.push(file);
    if (!read.ok) {
      problems.push({ file, field: '', code: read.unreadable ? 'unreadable' : 'invalid-json', detail: read.detail });
      continue;
    }
    const value = read.value;
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      problems.push({ file, field: '', code: 'invalid-value', detail: 'expected a JSON object' });
      continue;
    }
    for (const [key, raw] of Object.entries(value)) {
      if (isField(key)) applyField(config, key, raw, file, key, problems);
      else problems.push({ file, field: key, code: 'invalid-value', detail: 'unknown setting' });
    }
  }
  for (const [name, key] of Object.entries(ENV)) {
    const raw = env[name];
    if (raw !== undefined && raw !== '') applyField(config, key, raw, ENV_SOURCE, name, problems);
  }
  return { config, files: present, problems };
}
