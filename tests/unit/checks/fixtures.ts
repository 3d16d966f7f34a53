import { readFileSync } from 'node:fs';

/** A recorded output from tests/fixtures/checks (its source is in the SOURCE.md beside it). */
export const recorded = (path: string): string => readFileSync(new URL(`../../fixtures/checks/${path}`, import.meta.url), 'utf8');

// The machine answering from recorded outputs, and the outputs no tool prints: the updates' ones.
export { fakeIo, GARBAGE, type FakeRun } from '../updates/fixtures';
