import { readFileSync } from 'node:fs';

/** A recorded output from tests/fixtures/updates (its source is in the SOURCE.md beside it). */
export const recorded = (path: string): string => readFileSync(new URL(`../../fixtures/updates/${path}`, import.meta.url), 'utf8');

/** Outputs no tool prints: what a parser must call unreadable rather than guess. */
export const GARBAGE = [
  '',
  '\n\n',
  'Segmentation fault (core dumped)',
  '<html><body>502 Bad Gateway</body></html>',
  '\u0000\u0001\u0002binary\u00ff',
  '{"schema": 2}',
];
