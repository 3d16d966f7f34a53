import type { Parsed, Pending, PendingUpdate } from '../types';
import { firstWords, lines } from './lines';

/*
 * What apt says is pending, from any of the outputs people paste (tests/fixtures/updates):
 *  - `apt-get -s upgrade` / `dist-upgrade`: one `Inst <pkg> [<old>] (<new> <origins> [<arch>])` line
 *    per package. Those lines are not translated; the headers and the summary are.
 *  - `apt list --upgradable`: `<pkg>/<suites> <new> <arch> [<translated words>: <old>]`.
 *  - update-notifier's message of the day: "N updates can be applied immediately." (English only).
 * A package is a security update when one of its origins is a `-security` suite (Ubuntu's
 * `jammy-security`, Debian's `Debian-Security:12/bookworm-security`).
 */

const INST = /^Inst (\S+) (?:\[[^\]]*\] )?\((\S+) (.*?)(?: \[[^\]]*\])?\)/;
const LIST = /^([a-z0-9][a-z0-9+.-]*)\/(\S+) (\S+) (\S+)(?: \[.*\])?$/;
// "144 upgraded, 0 newly installed, 0 to remove and 0 not upgraded." in any language: four numbers.
const SUMMARY = /^(\d+)[^\d,]+,\s*(\d+)[^\d,]+,\s*(\d+)\D+(\d+)\D*$/;
const MOTD_NOW = /^\s*(\d+) updates? can be applied immediately/m;
const MOTD_SECURITY = /^\s*(\d+) of these updates (?:is a|are) (?:standard )?security updates?/m;
const MOTD_OLD = /^\s*(\d+) packages? can be updated\./m;
const MOTD_OLD_SECURITY = /^\s*(\d+) updates? (?:is a|are) security updates?/m;
// "Listing... Done", "Bezig met oplijsten...", and apt's warning that its CLI is not stable.
const LISTING = /^(?:\S+(?: \S+)*(?:\.\.\.|…)(?: \S+)?|WARNING: .*)$/;

const isSecurity = (origins: string) => /-security\b|Debian-Security:/i.test(origins);

function pending(updates: PendingUpdate[]): Pending {
  return { updates, total: updates.length, security: updates.filter((u) => u.classification === 'security').length };
}

const update = (name: string, version: string, origins: string): PendingUpdate => ({
  title: name,
  package: name,
  version,
  classification: isSecurity(origins) ? 'security' : 'update',
  reboot: 'unknown',
});

export function parseAptOutput(text: string): Parsed<Pending> {
  const all = lines(text);
  const inst = all.map((line) => INST.exec(line)).filter((m) => m !== null);
  if (inst.length) return { value: pending(inst.map(([, name, version, origins]) => update(name!, version!, origins!))) };

  const listed = all.map((line) => LIST.exec(line)).filter((m) => m !== null);
  if (listed.length) return { value: pending(listed.map(([, name, suites, version]) => update(name!, version!, suites!))) };

  const now = MOTD_NOW.exec(text) ?? MOTD_OLD.exec(text);
  if (now) {
    const security = MOTD_SECURITY.exec(text) ?? MOTD_OLD_SECURITY.exec(text);
    return { value: { updates: [], total: Number(now[1]), security: security ? Number(security[1]) : 0 } };
  }

  const summary = all.map((line) => SUMMARY.exec(line.trim())).find((m) => m !== undefined && m !== null);
  // A summary without Inst lines: nothing to do, or a simulation cut short (the count is all we know).
  if (summary) return { value: { updates: [], total: Number(summary[1]), security: Number(summary[1]) === 0 ? 0 : null } };

  if (all.length > 0 && all.length <= 2 && all.every((line) => LISTING.test(line.trim()))) return { value: pending([]) };
  return { unreadable: firstWords(text) };
}
