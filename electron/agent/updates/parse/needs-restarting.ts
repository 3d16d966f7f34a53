import type { Parsed, RestartReason } from '../types';
import { firstWords, lines, unique } from './lines';

/*
 * `needs-restarting -r` (dnf-plugins-core / yum-utils). A restart is due: exit 1 and
 *   Core libraries or services have been updated since boot-up:
 *     * glibc
 *   Reboot is required to fully utilize these updates.
 * None due: exit 0 and one or two sentences ("Reboot should not be necessary."). The sentences are
 * translated; the bulleted package names are not, so those are what is read. Anything else (its
 * usage text on an old yum-utils without -r, a traceback) is unreadable.
 */
const BULLET = /^\s+\* (\S+)/;
const FAILURE = /usage|error|traceback|no such option/i;

export function parseNeedsRestarting(text: string): Parsed<RestartReason[]> {
  const all = lines(text);
  const packages = all.map((line) => BULLET.exec(line)?.[1]).filter((name) => name !== undefined);
  if (packages.length) return { value: [{ code: 'core-libraries', soft: false, packages: unique(packages) }] };
  const sentences = all.length >= 1 && all.length <= 3 && all.every((line) => /[.!。]$/.test(line.trim()) && !FAILURE.test(line));
  return sentences ? { value: [] } : { unreadable: firstWords(text) };
}
