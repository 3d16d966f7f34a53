import type { Parsed, Pending, PendingUpdate } from '../types';
import { firstWords, lines } from './lines';

/*
 * macOS `softwareupdate -l`, both formats (tests/fixtures/updates/macos-*):
 *  - since 10.15: `* Label: <label>` then `Title: <t>, Version: <v>, Size: <n>K|KiB, Recommended: YES, Action: restart,`
 *  - up to 10.14: `* <label>` then `<title> (<version>), <n>K [recommended] [restart]`
 * Titles are localised; the keys and the bracketed flags are not. `Action: restart` / `[restart]`
 * (and `shut down`) predict a restart for an update not yet installed: they say nothing about a
 * restart pending now. `-` instead of `*` marks an update that is not recommended.
 */
const LABEL = /^\s*[*-] Label: (.+)$/;
const DETAILS = /^\s*Title: (.*?), Version: (.*?), Size: (\d+)(?:KiB|K)?,(.*)$/;
const OLD_LABEL = /^\s*[*-] (.+)$/;
const OLD_DETAILS = /^\s*(.*?),? \(([^()]*)\),? (\d+)K,?(.*)$/;
// "No new software available." (stderr, and localised: then it is the only line there is).
const NOTHING = /No new software available/i;
const HEADER = /^(Software Update Tool|Finding available software)$/;

const reboot = (flags: string): PendingUpdate['reboot'] => (/Action: (restart|shut down)|\[(restart|shut down)\]/.test(flags) ? 'always' : 'never');

function update(label: string, title: string, version: string, sizeK: string, flags: string): PendingUpdate {
  return { title, package: label.trim(), version, sizeBytes: Number(sizeK) * 1024, classification: 'update', reboot: reboot(flags) };
}

export function parseSoftwareUpdateList(text: string): Parsed<Pending> {
  const all = lines(text);
  const updates: PendingUpdate[] = [];
  for (let i = 0; i < all.length; i++) {
    const next = all[i + 1] ?? '';
    const label = LABEL.exec(all[i]!);
    const details = label ? DETAILS.exec(next) : null;
    if (label && details) {
      updates.push(update(label[1]!, details[1]!, details[2]!, details[3]!, details[4]!));
      i++;
      continue;
    }
    const oldLabel = LABEL.test(all[i]!) ? null : OLD_LABEL.exec(all[i]!);
    const oldDetails = oldLabel ? OLD_DETAILS.exec(next) : null;
    if (oldLabel && oldDetails) {
      updates.push(update(oldLabel[1]!, oldDetails[1]!, oldDetails[2]!, oldDetails[3]!, oldDetails[4]!));
      i++;
    }
  }
  if (updates.length) return { value: { updates, total: updates.length, security: null } };
  const nothing = NOTHING.test(text) || (all.length > 0 && all.length <= 3 && all.every((line) => HEADER.test(line.trim()) || /[.。]$/.test(line.trim())));
  return nothing ? { value: { updates: [], total: 0, security: null } } : { unreadable: firstWords(text) };
}
