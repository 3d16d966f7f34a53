import { describe, expect, it } from 'vitest';
import { shortCode } from '../../../electron/agent/remote/short-code';

describe('shortCode', () => {
  it('reads the first four bytes of SHA-256 as six digits in two groups', () => {
    // SHA-256("abc") starts ba7816bf (FIPS 180-2, appendix B.1): 3128432319 % 1e6 = 432319
    expect(shortCode('abc')).toBe('432 319');
  });

  it('keeps leading zeros, so that every code has six digits', () => {
    // SHA-256("r468") % 1e6 = 191: the first of r0, r1, ... under a thousand
    expect(shortCode('r468')).toBe('000 191');
  });

  it('differs when one character of the request differs', () => {
    expect(shortCode('eyJ.a.b')).not.toBe(shortCode('eyJ.a.c'));
  });
});
