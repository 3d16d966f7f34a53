import { readFileSync } from 'node:fs';

/** A recorded output from tests/fixtures/checks (its source is in the SOURCE.md beside it). */
export const recorded = (path: string): string => readFileSync(new URL(`../../fixtures/checks/${path}`, import.meta.url), 'utf8');

/** This process's reading of a local date and time, as the parsers give it (RFC 3339, UTC). */
export const local = (year: number, month: number, day: number, hour: number, minute: number, second: number): string =>
  new Date(year, month - 1, day, hour, minute, second).toISOString();

/** The moment the parsers' tests read their fixtures at: after every recorded date. */
export const NOW = Date.UTC(2026, 11, 7, 12, 0, 0);

// The machine answering from recorded outputs, and the outputs no tool prints (what a parser must
// call unreadable rather than guess): the updates' ones.
export { fakeIo, GARBAGE, type FakeRun } from '../updates/fixtures';
