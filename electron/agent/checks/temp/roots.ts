import { posix, win32 } from 'node:path';
import { codeOf, type TempFs } from './fs';

// A temp root is walked only when it is a real folder: a root that is itself a link or a junction
// may point anywhere (a planted %TEMP% → C:\Users, a /var/tmp → /), so it is never followed.

export type OpenedRoot =
  | { real: string }
  | { refused: 'missing' | 'link' | 'not-a-folder' | 'unreadable'; detail: string };

/** Opens one root: lstat (never through a link), then its real path once, the bound every later step is held to. */
export async function openRoot(root: string, fs: TempFs): Promise<OpenedRoot> {
  try {
    const info = await fs.lstat(root);
    if (info.isSymbolicLink()) return { refused: 'link', detail: `${root} is a link or junction: not followed` };
    if (!info.isDirectory()) return { refused: 'not-a-folder', detail: `${root} is not a folder` };
    return { real: await fs.realpath(root) };
  } catch (error) {
    const code = codeOf(error);
    return code === 'ENOENT' ? { refused: 'missing', detail: `${root} does not exist` } : { refused: 'unreadable', detail: `${root}: ${code || String(error)}` };
  }
}

/** True when `path` is `root` or below it (Windows: without regard to case, as NTFS compares names). */
export function isInside(root: string, path: string, platform: NodeJS.Platform = process.platform): boolean {
  const paths = platform === 'win32' ? win32 : posix;
  const rel = paths.relative(root, path);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${paths.sep}`) && !paths.isAbsolute(rel));
}
