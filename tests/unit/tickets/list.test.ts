import { describe, expect, it } from 'vitest';
import type { Notice } from '../../../electron/contract';
import type { HalloApi } from '../../../electron/agent/hallo-api/client';
import type { TicketList } from '../../../electron/agent/hallo-api/types';
import { createLogger } from '../../../electron/agent/log';
import { createTicketListSync } from '../../../electron/agent/tickets/list';
import { createFakeClock } from '../../doubles/fake-clock';

function ticket(number: number, patch: Partial<TicketList[number]> = {}): TicketList[number] {
  return {
    ticketId: `t${number}`,
    number,
    subject: `Ticket ${number}`,
    status: 'new',
    createdAt: `2025-03-0${number % 10}T09:00:00.000Z`,
    updatedAt: `2025-03-0${number % 10}T09:00:00.000Z`,
    ...patch,
  };
}

function setup() {
  const clock = createFakeClock();
  let answer: TicketList = [];
  let calls = 0;
  let release: (() => void) | null = null;
  const api = {
    async listTickets() {
      calls++;
      if (release === null) return answer;
      await new Promise<void>((done) => (release = done));
      return answer;
    },
  } as unknown as HalloApi;
  const notices: Notice[] = [];
  const lists: { numbers: number[]; replies: (string | null)[] }[] = [];
  const sync = createTicketListSync({
    log: createLogger({ file: null, clock }),
    api: () => api,
    now: () => clock.now(),
    onList: (list) => void lists.push({ numbers: list.map((t) => t.number), replies: list.map((t) => t.lastReply?.text ?? null) }),
    onNotice: (n) => notices.push(n),
  });
  return { sync, notices, lists, set: (list: TicketList) => (answer = list), calls: () => calls, hold: () => (release = () => undefined), free: () => { const r = release; release = null; r?.(); } };
}

describe('my tickets', () => {
  it('newest first, with the last reply; no notices on the first load', async () => {
    const t = setup();
    t.set([ticket(1, { status: 'resolved', lastReply: { from: 'Sanne', at: '2025-03-02T10:00:00.000Z', text: 'Opgelost' } }), ticket(2)]);
    await t.sync.refresh();
    expect(t.lists.at(-1)).toEqual({ numbers: [2, 1], replies: [null, 'Opgelost'] });
    expect(t.notices).toEqual([]);
  });

  it('a resolved status gives one notice that opens its thread; a new ticket gives none; answers are told by the conversation', async () => {
    const t = setup();
    t.set([ticket(1), ticket(2)]);
    await t.sync.refresh();
    t.set([ticket(1, { lastReply: { from: 'Sanne', at: '2025-03-03T10:00:00.000Z', text: 'Ik bel u zo' } }), ticket(2, { status: 'resolved' }), ticket(3)]);
    await t.sync.refresh();
    expect(t.notices).toEqual([{ code: 'ticket-resolved', params: { number: 2 }, ticketId: 't2' }]);
    await t.sync.refresh(); // nothing changed: nothing to say
    expect(t.notices).toHaveLength(1);
  });

  it('events during a fetch make one more fetch, not one each', async () => {
    const t = setup();
    t.hold();
    const first = t.sync.refresh();
    void t.sync.refresh();
    void t.sync.refresh();
    t.free();
    await first;
    expect(t.calls()).toBe(2);
  });
});
