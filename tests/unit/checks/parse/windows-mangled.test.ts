import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseMpComputerStatus } from '../../../../electron/agent/checks/parse/mp-status';
import { parseSecurityCenterAv } from '../../../../electron/agent/checks/parse/securitycenter';
import { parseW32tmStatus } from '../../../../electron/agent/checks/parse/w32tm';
import { NOW, recorded } from '../fixtures';

// Every recorded output of these kinds, mangled the ways a pipe, a paste or a broken tool mangles
// it (cut short, a line lost, lines swapped, bytes dropped): the parser answers, in one line.
const PARSERS: Record<string, (text: string) => unknown> = {
  'w32tm-status': (text) => parseW32tmStatus(text, NOW),
  'securitycenter-av': parseSecurityCenterAv,
  'mp-computer-status': (text) => parseMpComputerStatus(text, NOW),
};

const folders = readdirSync(new URL('../../../fixtures/checks/', import.meta.url)).filter((name) => name.startsWith('windows'));
const outputs = folders.flatMap((folder) =>
  readdirSync(new URL(`../../../fixtures/checks/${folder}/`, import.meta.url))
    .filter((file) => Object.keys(PARSERS).some((kind) => file.startsWith(`${kind}.`)))
    .map((file) => `${folder}/${file}`),
);

// A fixed sequence (mulberry32), so that a failure is the same on every run.
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function mangled(text: string, next: () => number): string[] {
  const lines = text.split('\n');
  const pick = () => Math.floor(next() * lines.length);
  const variants = lines.map((_, end) => lines.slice(0, end).join('\n'));
  for (let round = 0; round < 10; round += 1) {
    const lost = pick();
    variants.push(lines.filter((_, index) => index !== lost).join('\n'));
    const [a, b] = [pick(), pick()];
    const swapped = [...lines];
    [swapped[a], swapped[b]] = [swapped[b] as string, swapped[a] as string];
    variants.push(swapped.join('\n'));
    variants.push([...text].filter(() => next() > 0.05).join(''));
  }
  return variants;
}

describe('the Windows parsers on mangled recorded outputs', () => {
  it('finds the recorded outputs of every kind', () => {
    for (const kind of Object.keys(PARSERS)) expect(outputs.some((path) => path.includes(`/${kind}.`))).toBe(true);
  });

  it.each(outputs)('%s: never throws, and an unknown has a one-line detail', (path) => {
    const kind = Object.keys(PARSERS).find((name) => path.includes(`/${name}.`)) as string;
    const parse = PARSERS[kind] as (text: string) => unknown;
    for (const text of mangled(recorded(path), random(path.length))) {
      const result = parse(text) as { value?: unknown; unknown?: string; detail?: string };
      expect('value' in result || 'unknown' in result).toBe(true);
      if ('unknown' in result) expect(result.detail).toMatch(/^[^\n]{1,300}$/);
    }
  });
});
