import { describe, expect, it } from 'vitest';
import { codeForStatus, parseRetryAfter } from '../../../electron/agent/hallo-api/api-error';

describe('parseRetryAfter', () => {
  const now = Date.parse('2025-03-01T10:00:00Z');

  it('reads delay-seconds', () => {
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter(' 0 ', now)).toBe(0);
  });

  it('reads an HTTP date relative to now, never negative', () => {
    expect(parseRetryAfter('Sat, 01 Mar 2025 10:02:30 GMT', now)).toBe(150_000);
    expect(parseRetryAfter('Sat, 01 Mar 2025 09:00:00 GMT', now)).toBe(0);
  });

  it('ignores what is neither', () => {
    expect(parseRetryAfter(null, now)).toBeUndefined();
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter('-5', now)).toBeUndefined();
    expect(parseRetryAfter('1.5', now)).toBeUndefined();
  });
});

describe('codeForStatus', () => {
  it('maps statuses to codes', () => {
    expect(codeForStatus(401)).toBe('unauthorized');
    expect(codeForStatus(429)).toBe('http-429');
    expect(codeForStatus(503)).toBe('http-5xx');
    expect(codeForStatus(422)).toBe('http-4xx');
    expect(codeForStatus(302)).toBe('invalid-response');
  });
});
