import { describe, expect, it } from 'vitest';
import { sparkPath } from '../../../renderer/src/sparkline';

describe('sparkline path', () => {
  it('spreads samples over the width, 100 % at the top', () => {
    expect(sparkPath([0, 50, 100], 100, 40)).toBe('M0 40L50 20L100 0');
  });
  it('breaks the line at a missing sample and clamps nonsense', () => {
    expect(sparkPath([10, null, 250, -5], 30, 10)).toBe('M0 9M20 0L30 10');
  });
  it('draws nothing without samples', () => {
    expect(sparkPath([], 100, 40)).toBe('');
  });
});
