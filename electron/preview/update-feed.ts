import { parse } from 'yaml';
import { z } from 'zod';
import type { SelfUpdateChannel } from '../contract';

// electron-updater's generic feed as its GenericProvider reads it (node_modules/electron-updater/
// out/providers/Provider.js, util.js): `<channel><platform suffix>.yml` in the feed's folder, the
// files named in it relative to that folder. Parsed once here; anything else is `feed-invalid`.

/**
 * The channel file's name: `latest` for stable, else the channel's name; Windows without a suffix
 * ("for historical reasons"), macOS `-mac`, Linux `-linux`, plus `-<arch>` for anything but x64.
 */
export function channelFileName(channel: SelfUpdateChannel, platform: NodeJS.Platform, arch: string): string {
  const name = channel === 'stable' ? 'latest' : channel;
  const suffix = platform === 'linux' ? `-linux${arch === 'x64' ? '' : `-${arch}`}` : platform === 'darwin' ? '-mac' : '';
  return `${name}${suffix}.yml`;
}

/** sha512 in base64, as electron-builder writes it (64 bytes: 88 characters). */
const Sha512 = z.string().regex(/^[A-Za-z0-9+/]{86}==$/, 'must be a base64 sha512');

const FeedFile = z.object({
  url: z.string().min(1).max(1024),
  sha512: Sha512,
  size: z.number().int().positive().max(2 * 1024 ** 3),
});
export type FeedFile = z.infer<typeof FeedFile>;

/** electron-builder's UpdateInfo, the part the updater reads; `path` and `sha512` are the older single-file form. */
export const UpdateInfo = z.object({
  version: z.string().min(1).max(64),
  files: z.array(FeedFile).min(1).max(20),
  path: z.string().max(1024).optional(),
  sha512: Sha512.optional(),
  // YAML reads an unquoted timestamp as a string here (yaml's core schema has no timestamps).
  releaseDate: z.string().max(40).optional(),
});
export type UpdateInfo = z.infer<typeof UpdateInfo>;

/** The channel file's text, or why it is not one (the detail the admin reads). */
export function parseUpdateInfo(text: string): { ok: true; info: UpdateInfo } | { ok: false; detail: string } {
  let value: unknown;
  try {
    value = parse(text, { maxAliasCount: 10 });
  } catch (error) {
    return { ok: false, detail: `not YAML: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}` };
  }
  const parsed = UpdateInfo.safeParse(value);
  if (parsed.success) return { ok: true, info: parsed.data };
  const issue = parsed.error.issues[0];
  return { ok: false, detail: `${issue?.path.join('.') || 'the document'}: ${issue?.message ?? 'invalid'}` };
}

/** The installer for this OS, as electron-updater picks it by extension; else the first file. */
export function fileForPlatform(info: UpdateInfo, platform: NodeJS.Platform): FeedFile {
  const wanted = platform === 'win32' ? ['.exe'] : platform === 'darwin' ? ['.zip'] : ['.appimage', '.deb'];
  for (const extension of wanted) {
    const file = info.files.find((f) => f.url.toLowerCase().endsWith(extension));
    if (file) return file;
  }
  return info.files[0]!;
}
