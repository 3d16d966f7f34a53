import { describe, expect, it } from 'vitest';
import type { OutboxEntry } from '../../../electron/contract';
import { deliveredNotices } from '../../../electron/agent/tickets/delivered';
import { outboxEntry } from './outbox-entry';

const entry = (patch: Partial<OutboxEntry>) => outboxEntry({ subject: 'Outlook start niet op', ...patch });

describe('a waiting ticket that reaches the servicedesk', () => {
  it.each([
    ['waited (an attempt failed), now sent', entry({ attempts: 2, lastError: { code: 'network' } }), entry({ status: 'sent', attempts: 3, number: 10042 }), [{ code: 'ticket-delivered', params: { number: 10042 } }]],
    ['was being sent again after a failure', entry({ status: 'sending', attempts: 1 }), entry({ status: 'sent', attempts: 2, number: 10042 }), [{ code: 'ticket-delivered', params: { number: 10042 } }]],
    ['sent at its first attempt: the form said so already', entry({ status: 'sending', attempts: 0 }), entry({ status: 'sent', attempts: 1, number: 10042 }), []],
    ['still waiting', entry({ attempts: 1 }), entry({ attempts: 2 }), []],
    ['already sent before', entry({ status: 'sent', attempts: 2, number: 10042 }), entry({ status: 'sent', attempts: 2, number: 10042 }), []],
  ])('%s', (_, before, after, notices) => {
    expect(deliveredNotices([before], [after])).toEqual(notices);
  });
});
