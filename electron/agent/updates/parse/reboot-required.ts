import type { Parsed, RestartReason } from '../types';
import { firstWords, lines, unique } from './lines';

/*
 * Debian and Ubuntu: a package that needs a restart runs update-notifier's notify-reboot-required,
 * which writes `*** System restart required ***` (translated by gettext) to /var/run/reboot-required
 * and appends its own name to /var/run/reboot-required.pkgs. Either file's contents are accepted:
 * the banner (any language: the stars frame it) or package names, one a line.
 */
const BANNER = /^\*\*\* .+ \*\*\*$/;
const PACKAGE = /^[a-z0-9][a-z0-9+.:-]+$/;

export function parseRebootRequired(text: string): Parsed<RestartReason[]> {
  const all = lines(text).map((line) => line.trim());
  if (!all.length) return { unreadable: firstWords(text) };
  const packages = all.filter((line) => !BANNER.test(line));
  if (!packages.every((line) => PACKAGE.test(line))) return { unreadable: firstWords(packages.join('\n')) };
  return { value: [{ code: 'packages', soft: false, ...(packages.length ? { packages: unique(packages) } : {}) }] };
}
