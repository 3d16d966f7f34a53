import { firstWords, lines } from '../../updates/parse/lines';
import type { AntivirusProduct, Parsed } from '../types';

/*
 * ClamAV's `clamscan --version`, `freshclam --version` or `clamdscan --version`:
 *   ClamAV 1.0.0/26853/Fri Mar 24 07:24:11 2023    engine / daily database version / its build time
 *   ClamAV 1.4.6                                   no database at all (never updated)
 * clamdscan may print `WARNING: Ignoring deprecated option …` lines first. The build time is the
 * printing machine's local time without a zone: read as UTC, so the age in whole days can be off
 * by one near midnight, which no policy threshold (days) turns on. ClamAV scans on demand; being
 * installed with a database is what "on" means here.
 */
const VERSION = /^ClamAV (\d[\w.~+-]*)(?:\/(\d+)\/(.+))?$/;
const CTIME = /^\w{3}\s+(\w{3})\s+(\d{1,2})\s+(\d{2}):(\d{2}):(\d{2})\s+(\d{4})$/;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAY_MS = 86_400_000;

function ctime(text: string): number | null {
  const m = CTIME.exec(text.trim());
  const month = m ? MONTHS.indexOf(m[1]!) : -1;
  if (!m || month < 0) return null;
  return Date.UTC(Number(m[6]), month, Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5]));
}

export function parseClamavVersion(text: string, now: number): Parsed<AntivirusProduct> {
  const version = lines(text)
    .map((line) => VERSION.exec(line.trim()))
    .find(Boolean);
  if (!version) return { unknown: 'unreadable', detail: firstWords(text) };
  if (version[2] === undefined) return { unknown: 'error', detail: `ClamAV ${version[1]} has no signature database` };
  const builtAt = ctime(version[3]!);
  if (builtAt === null) return { unknown: 'unreadable', detail: firstWords(text) };
  const signatureAgeDays = Math.max(0, Math.floor((now - builtAt) / DAY_MS));
  return { value: { name: 'ClamAV', state: 'on', signaturesUpToDate: null, signatureAgeDays, lastScan: null, source: 'clamav' } };
}
