import { join } from 'node:path';

/**
 * The preview's data folder when none is given: the user's own cache folder, not a fixed name in
 * the shared /tmp (another user could create that first and own what the agent writes there).
 * Windows' temp folder is already per user (%LOCALAPPDATA%\Temp).
 */
export function defaultPreviewDataDir(opts: { platform: NodeJS.Platform; env: Record<string, string | undefined>; homedir: string; tmpdir: string }): string {
  if (opts.platform === 'win32') return join(opts.tmpdir, 'hallo-agent-preview');
  const cache = opts.env.XDG_CACHE_HOME?.startsWith('/') ? opts.env.XDG_CACHE_HOME : join(opts.homedir, '.cache');
  return join(cache, 'hallo-agent', 'preview');
}
