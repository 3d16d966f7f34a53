import { firstWords } from '../../updates/parse/lines';
import type { Parsed, TimeFinding } from '../types';
import { hresultIn, reasonOfHresult } from './hresult';
import { parseLocalDateTime } from './local-date';

/*
 * `w32tm /query /status [/verbose]`. Its labels are translated (`Stratum`, `Strato`; `Source`,
 * `Quelle`, `Origine`) and French puts a space before the colon, so it is read by position and
 * shape, never by label: the lines come in a fixed order, the value is what follows the first
 * colon, and each value has a shape of its own.
 *
 *   0 leap indicator    `0(no warning)`            5 reference id   `0x84A36102 (source IP: …)`
 *   1 stratum           `2 (secondary reference…)` 6 last sync      a local date, or `unspecified` translated
 *   2 precision         `-23 (119.209ns per tick)` 7 source         `time.windows.com,0x8`, `Local CMOS Clock`
 *   3 root delay        `0.0296267s`               8 poll interval  `7 (128s)`
 *   4 root dispersion   `0.0448955s`
 * /verbose adds, after an empty line: 9 phase offset `-0.0027702s`, then the state machine and the
 * last sync error (whose explanation may wrap onto a line of its own), which are not needed here.
 *
 * A failure is one line ending in its HRESULT: `Folgender Fehler ist aufgetreten: Der Dienst wurde
 * nicht gestartet. (0x80070426)` (service stopped), `… Zugriff verweigert (0x80070005)`.
 */

const CODE_IN_PARENS = /^-?\d+\s*\(.*\)$/; // leap, stratum, precision
const SECONDS = /^[-+]?\d+(?:[.,]\d+)?s$/;
const REFERENCE_ID = /^0x[0-9a-f]{8}\b/i;
const POLL = /^\d+\s*\(\d+s\)$/;
const SHAPES = [CODE_IN_PARENS, CODE_IN_PARENS, CODE_IN_PARENS, SECONDS, SECONDS, REFERENCE_ID, null, null, POLL] as const;
const FAILURE = /\((0x8[0-9a-f]{7})\)\s*$/i;

// The providers w32time names in English in every language: the clock itself, not a time source.
const NOT_A_SOURCE = ['local cmos clock', 'free-running system clock'];
// NTP's leap indicator 3 (RFC 5905): the clock is not synchronised, whatever else the lines say.
const LEAP_ALARM = 3;
// Stratum 0: no reference ("unspecified").
const NO_STRATUM = 0;

export function parseW32tmStatus(text: string, now: number): Parsed<TimeFinding> {
  const lines = text.split(/\r?\n/).filter((line) => line.trim() !== '');
  const values = lines.map((line) => {
    const colon = line.search(/[:：]/);
    return colon < 0 ? null : line.slice(colon + 1).trim();
  });
  const isStatus = SHAPES.every((shape, index) => shape === null || (values[index] != null && shape.test(values[index])));
  if (!isStatus) return failure(lines);

  const [leap, stratum, , , , , lastSync, source, , phaseOffset] = values as string[];
  const name = sourceName(source ?? '');
  const lastSyncAt = parseLocalDateTime(lastSync ?? '', now);
  const real = name !== null && !NOT_A_SOURCE.includes(name.toLowerCase());
  const synchronised = real && lastSyncAt !== null && parseInt(leap ?? '', 10) !== LEAP_ALARM && parseInt(stratum ?? '', 10) !== NO_STRATUM;
  return {
    value: {
      synchronised,
      source: real ? name : null,
      lastSyncAt,
      // Phase Offset (/verbose only): w32time documents no sign for it; the rules should judge its size.
      offsetSeconds: phaseOffset !== undefined && SECONDS.test(phaseOffset) ? Number(phaseOffset.replace(',', '.').replace(/s$/, '')) : null,
    },
  };
}

/** The source without w32time's flags (`time.windows.com,0x8` → `time.windows.com`); null when empty. */
function sourceName(value: string): string | null {
  const name = value.replace(/,0x[0-9a-f]+$/i, '').trim();
  return name || null;
}

function failure(lines: string[]): Parsed<TimeFinding> {
  const line = lines.find((candidate) => FAILURE.test(candidate.trim()))?.trim();
  const code = line ? hresultIn(line) : null;
  if (!line || !code) return { unknown: 'unreadable', detail: `w32tm: ${firstWords(lines.join('\n'))}` };
  return { unknown: reasonOfHresult(code), detail: `w32tm: ${line.length > 160 ? `${line.slice(0, 159)}…` : line}` };
}
