import type { Parsed, Pending, PendingUpdate } from '../types';
import { firstWords, lines } from './lines';

/*
 * `dnf check-update` (dnf 4) and `dnf check-upgrade` (dnf 5, which answers to check-update too):
 * one `<name>.<arch>  <version>  <repo>` line per package. Exit code 100 means updates, 0 none,
 * 1 an error (the provider reads the code; this reads the text). dnf 4 puts the version on the
 * next line when the name is long; "Obsoleting Packages" ends the list (what follows is replaced,
 * not updated). Headers are translated and ignored. dnf does not say which are security updates.
 */
const ARCHES = 'x86_64|noarch|i686|i386|aarch64|ppc64le|s390x|armv7hl|riscv64|src';
const PACKAGE = new RegExp(`^(\\S+)\\.(${ARCHES})\\s+(\\S+)\\s+(\\S+)$`);
const NAME_ONLY = new RegExp(`^(\\S+)\\.(${ARCHES})$`);
const WRAPPED = /^\s+(\S+)\s+(\S+)$/;
// Nothing pending: dnf 4 prints only "Last metadata expiration check: 0:07:38 ago on …" (translated
// around the time: "vor 0:00:07"); dnf 5 "Updating and loading repositories:" / "Repositories loaded.".
const METADATA_AGE = /\b\d+:\d\d:\d\d\b/;
const DNF5_HEADER = /^(Updating and loading repositories:|Repositories loaded\.|\s.+\d+% \|.*)$/;

export function parseDnfCheckUpdate(text: string): Parsed<Pending> {
  const all = lines(text);
  const updates: PendingUpdate[] = [];
  for (let i = 0; i < all.length; i++) {
    const line = all[i]!;
    let match = PACKAGE.exec(line);
    const name = NAME_ONLY.exec(line);
    if (!match && name && WRAPPED.test(all[i + 1] ?? '')) {
      const [, version, repo] = WRAPPED.exec(all[++i]!)!;
      match = [line, name[1]!, name[2]!, version!, repo!] as unknown as RegExpExecArray;
    }
    if (match) {
      const [, pkg, arch, version] = match;
      updates.push({ title: `${pkg}.${arch}`, package: pkg!, version: version!, classification: 'update', reboot: 'unknown' });
    } else if (updates.length && !line.startsWith(' ')) break; // "Obsoleting Packages" and what follows
  }
  if (updates.length) return { value: { updates, total: updates.length, security: null } };
  if (all.some((line) => METADATA_AGE.test(line)) || (all.length && all.every((line) => DNF5_HEADER.test(line)))) return { value: { updates: [], total: 0, security: null } };
  return { unreadable: firstWords(text) };
}
