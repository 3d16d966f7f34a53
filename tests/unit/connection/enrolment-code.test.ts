import { describe, expect, it } from 'vitest';
import { canonicalEnrolmentCode } from '../../../electron/agent/connection/enrolment-code';

describe('an enrolment code as typed', () => {
  it.each([
    ['DEMO-ABCD-12', 'DEMO-ABCD-12'],
    ['demo-abcd-12', 'DEMO-ABCD-12'],
    ['  Demo-Abcd-12 ', 'DEMO-ABCD-12'],
    ['demo abcd 12', 'DEMO-ABCD-12'],
    ['demo - abcd -- 12', 'DEMO-ABCD-12'],
    ['demo–abcd—12', 'DEMO-ABCD-12'], // en and em dash, as a mail client makes of "-"
    ['demo\u00a0abcd_12', 'DEMO-ABCD-12'],
    ['-demoabcd12-', 'DEMOABCD12'],
  ])('%j is sent as %j', (typed, sent) => {
    expect(canonicalEnrolmentCode(typed)).toBe(sent);
  });
});
