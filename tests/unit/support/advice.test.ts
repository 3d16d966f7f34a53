import { describe, expect, it } from 'vitest';
import { urgentAdvice, waitingAdvice } from '../../../electron/agent/support/advice';

const open = { openNow: true, phone: '088 123 45 67', emergencyPhone: null };
const closed = { ...open, openNow: false };
const withLine = (desk: typeof open) => ({ ...desk, emergencyPhone: '088 123 45 99' });

describe('what to tell someone who cannot wait', () => {
  it.each([
    ['can-work', open, null],
    ['cannot-work', open, 'call'],
    ['cannot-work', closed, 'closed'], // never "call" a closed servicedesk
    ['several-cannot-work', open, 'call'],
    ['several-cannot-work', closed, 'closed'], // out of hours, no emergency line: said plainly
    ['several-cannot-work', withLine(closed), 'emergency'],
    ['several-cannot-work', withLine(open), 'emergency'],
    ['cannot-work', withLine(closed), 'closed'], // the emergency line is for several colleagues
    ['cannot-work', { ...open, phone: '' }, 'closed'],
  ] as const)('%s with %j: %s', (impact, desk, advice) => {
    expect(urgentAdvice(desk, impact)).toBe(advice);
  });

  it('a waiting ticket: call while someone answers, the emergency line for a critical one, else nothing to call', () => {
    expect(waitingAdvice(open, 'normal')).toBe('call');
    expect(waitingAdvice(closed, 'normal')).toBeNull();
    expect(waitingAdvice(closed, 'high')).toBe('closed');
    expect(waitingAdvice(withLine(closed), 'critical')).toBe('emergency');
    expect(waitingAdvice(withLine(open), 'high')).toBe('call');
  });
});
