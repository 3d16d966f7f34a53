import { homedir, userInfo } from 'node:os';

/** Replaces whatever names the user in a string (their account name, their home folder). */
export type Masker = (text: string) => string;

export const USER_MARK = '<user>';

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The account name as a word of its own (so that "ad" does not eat "load"), and the home folder
 * wherever it appears, even when the folder is not named after the account. Case-insensitive:
 * Windows paths come in any case. Bearer tokens are cut too, should one ever reach a log line.
 */
export function createMasker(user: { username: string; home: string }): Masker {
  const rules: [RegExp, string][] = [];
  const home = user.home.replace(/[\\/]+$/, '');
  const cut = Math.max(home.lastIndexOf('/'), home.lastIndexOf('\\')); // Windows paths on any OS
  if (cut >= 0 && cut < home.length - 1) {
    rules.push([new RegExp(escape(home), 'gi'), `${home.slice(0, cut + 1)}${USER_MARK}`]);
  }
  if (user.username.length >= 2) {
    rules.push([new RegExp(`(?<![\\p{L}\\p{N}])${escape(user.username)}(?![\\p{L}\\p{N}])`, 'giu'), USER_MARK]);
  }
  rules.push([/\b(Bearer)\s+[A-Za-z0-9._~+/=-]+/gi, '$1 <token>']);
  return (text) => rules.reduce((out, [pattern, replacement]) => out.replace(pattern, replacement), text);
}

/** Every string inside `value` masked (keys stay as they are): for structures such as disk lists, whose mount points can name the user. */
export function maskDeep<T>(value: T, mask: Masker): T {
  if (typeof value === 'string') return mask(value) as T;
  if (Array.isArray(value)) return value.map((v) => maskDeep(v, mask)) as T;
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, maskDeep(v, mask)])) as T;
  }
  return value;
}

/** This process's user; a machine without one (some containers) masks only tokens. */
export function currentUserMasker(): Masker {
  try {
    return createMasker({ username: userInfo().username, home: homedir() });
  } catch {
    return createMasker({ username: '', home: '' });
  }
}
