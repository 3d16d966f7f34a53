import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { DeviceInfo, TicketDraft } from '../../../electron/contract';
import type { HalloApi } from '../../../electron/agent/hallo-api/client';
import type { TicketCreateRequest } from '../../../electron/agent/hallo-api/types';
import { initialState } from '../../../electron/agent/initial-state';
import { createLogger } from '../../../electron/agent/log';
import { AgentStore } from '../../../electron/agent/store';
import { ContactMemory } from '../../../electron/agent/tickets/contact';
import { createMasker } from '../../../electron/agent/tickets/mask';
import { createTicketsService, type TicketsService } from '../../../electron/agent/tickets/service';
import { createFakeClock } from '../hallo-api/fakes';

const services: TicketsService[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const s of services.splice(0)) s.stop();
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

const device: DeviceInfo = {
  hostname: 'PC-01',
  manufacturer: 'HP',
  model: 'EliteBook',
  serialNumber: 'X1',
  os: { platform: 'linux', distro: 'Debian', release: '12', build: '', arch: 'x64' },
  cpu: 'i5',
  memoryBytes: 8e9,
};

function png(width: number, height: number): Uint8Array {
  const image = new PNG({ width, height });
  image.data.fill(200);
  return PNG.sync.write(image);
}

async function setup(opts: { screen?: Uint8Array | null } = {}) {
  const clock = createFakeClock();
  const dataDir = await mkdtemp(join(tmpdir(), 'hallo-tickets-'));
  dirs.push(dataDir);
  const store = new AgentStore(initialState({ appVersion: '0.1.0', platform: 'linux' }));
  const log = createLogger({ file: null, clock });
  const posted: { body: TicketCreateRequest; key: string }[] = [];
  const api = {
    async createTicket(body: TicketCreateRequest, key: string) {
      posted.push({ body, key });
      return { ticket: { ticketId: 't1', number: 10001, status: 'new', createdAt: '2025-03-03T09:00:00.000Z' }, replayed: false };
    },
    listTickets: async () => [],
  } as unknown as HalloApi;
  const processes = vi.fn(async () => ({ byCpu: [{ name: 'code', pid: 7, cpuPercent: 50, memoryBytes: 1e9 }], byMemory: [] }));
  const service = createTicketsService({
    store,
    log,
    clock,
    screen: { capture: async () => (opts.screen ? { png: opts.screen, width: 0, height: 0 } : null) },
    dataDir,
    appVersion: '0.1.0',
    api: () => api,
    device: async () => device,
    onNotice: () => undefined,
    processes,
    mask: createMasker({ username: 'anna', home: '/home/anna' }),
    contact: new ContactMemory(dataDir, log),
  });
  services.push(service);
  service.applyPolicy({
    categories: [
      { id: 'print', label: { nl: 'Printen', en: 'Printing' } },
      { id: 'other', label: { nl: 'Iets anders', en: 'Something else' } },
    ],
    maxAttachmentBytes: 100_000,
    maxDescriptionChars: 500,
  });
  await service.start();
  return { service, store, posted, processes, dataDir };
}

const draft = (overrides: Partial<TicketDraft> = {}): TicketDraft => ({
  description: 'Printen lukt niet\u0007',
  categoryId: 'print',
  impact: 'several-cannot-work',
  contact: { name: 'Anna', phone: '', email: 'anna@example.nl' },
  relatedItemId: null,
  includeScreenshot: true,
  includeProcesses: true,
  ...overrides,
});

describe('the tickets service', () => {
  it('opening the report takes the screenshot and shows its thumbnail; cancel drops it', async () => {
    const t = await setup({ screen: png(640, 400) });
    await t.service.startReport('disk-space:C:');
    const report = t.store.get().tickets.report!;
    expect(report.relatedItemId).toBe('disk-space:C:');
    expect(report.screenshot).toMatchObject({ width: 640, height: 400 });
    expect(report.screenshot!.thumbnail.startsWith('data:image/png;base64,')).toBe(true);
    expect(t.processes).toHaveBeenCalledTimes(1); // started when the form opens, not on Send
    t.service.cancelReport();
    expect(t.store.get().tickets.report).toBeNull();
  });

  it('a PC where capture is refused opens the form without a screenshot', async () => {
    const t = await setup({ screen: null });
    await t.service.startReport(null);
    expect(t.store.get().tickets.report).toEqual({ relatedItemId: null, screenshot: null });
  });

  it('"what will be sent" is exactly what Send sends, the picture as its size', async () => {
    const t = await setup({ screen: png(320, 200) });
    await t.service.startReport(null);
    const preview = await t.service.preview(draft());
    const result = await t.service.submit(draft());
    expect(result.outcome).toBe('saved');
    await vi.waitFor(() => expect(t.posted).toHaveLength(1));
    const { body } = t.posted[0]!;
    const { attachments, diagnostics, ...rest } = body;
    const { attachments: shown, diagnostics: shownDiagnostics, ...shownRest } = preview as typeof body & { attachments: unknown[] };
    expect(shownRest).toEqual(rest);
    expect({ ...shownDiagnostics, collectedAt: '' }).toEqual({ ...diagnostics, collectedAt: '' });
    expect(shown).toEqual([{ name: 'screenshot.png', contentType: 'image/png', bytes: Buffer.from(attachments![0]!.dataBase64, 'base64').length }]);
    expect(rest).toMatchObject({ subject: 'Printen lukt niet', description: 'Printen lukt niet', urgency: 'critical', contact: { name: 'Anna', email: 'anna@example.nl' } });
    expect(diagnostics.processes?.byCpu[0]?.name).toBe('code');
  });

  it('the screenshot and the processes can be left out', async () => {
    const t = await setup({ screen: png(320, 200) });
    await t.service.startReport(null);
    await t.service.submit(draft({ includeScreenshot: false, includeProcesses: false }));
    await vi.waitFor(() => expect(t.posted).toHaveLength(1));
    expect(t.posted[0]!.body.attachments).toEqual([]);
    expect(t.posted[0]!.body.diagnostics.processes).toBeNull();
  });

  it('removing the screenshot in the form means none is sent', async () => {
    const t = await setup({ screen: png(320, 200) });
    await t.service.startReport(null);
    t.service.removeScreenshot();
    expect(t.store.get().tickets.report).toEqual({ relatedItemId: null, screenshot: null });
    await t.service.submit(draft());
    await vi.waitFor(() => expect(t.posted).toHaveLength(1));
    expect(t.posted[0]!.body.attachments).toEqual([]);
  });

  it('an invalid draft saves nothing and keeps the form open', async () => {
    const t = await setup();
    await t.service.startReport(null);
    const result = await t.service.submit(draft({ description: 'x'.repeat(501) }));
    expect(result).toEqual({ outcome: 'invalid', problems: [{ field: 'description', code: 'too-long', params: { max: 500 } }] });
    expect(t.store.get().tickets.report).not.toBeNull();
    expect(t.store.get().tickets.outbox).toEqual([]);
  });

  it('a saved ticket closes the form, shows in the outbox and remembers the contact', async () => {
    const t = await setup();
    await t.service.startReport(null);
    const result = await t.service.submit(draft({ contact: { name: 'Anna', phone: '06 12345678', email: 'anna@example.nl' } }));
    expect(t.store.get().tickets.report).toBeNull();
    expect(t.store.get().tickets.outbox[0]).toMatchObject({ id: (result as { id: string }).id, subject: 'Printen lukt niet' });
    await vi.waitFor(() => expect(t.store.get().tickets.outbox[0]).toMatchObject({ status: 'sent', number: 10001 }));
    expect(t.store.get().tickets.contact).toEqual({ name: 'Anna', phone: '06 12345678', email: 'anna@example.nl' });
  });
});
