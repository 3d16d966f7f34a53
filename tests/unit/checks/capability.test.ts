import { mkdtemp, mkdir, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { StatusItem } from '../../../electron/contract';
import { sliceStore, type CapabilityContext } from '../../../electron/agent/capability';
import { initialState } from '../../../electron/agent/capabilities';
import { checksCapability } from '../../../electron/agent/checks/capability';
import type { ChecksReading, ChecksSource } from '../../../electron/agent/checks/types';
import { DEFAULT_POLICY } from '../../../electron/agent/config/policy-defaults';
import { createLogger } from '../../../electron/agent/log';
import { AgentStore } from '../../../electron/agent/store';
import { createFakeClock } from '../../doubles/fake-clock';

// The checks capability as the popup meets it (state.checks): the cleanup offered on the lines it
// helps, "Tijdelijke bestanden opruimen" on a temp folder the test made, the probes for admins.

const DAY = 86_400_000;
const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true, maxRetries: 5 })));
});

const GiB = 1024 ** 3;
const reading = (userBytes: number): ChecksReading => ({
  findings: { tempFiles: { value: { userBytes, systemBytes: null } } },
  probes: [{ probe: 'temp-size', ranAt: new Date().toISOString(), durationMs: 3, read: true, reason: null, detail: null, raw: JSON.stringify({ root: join(homedir(), 'tmp') }) }],
});

async function boot(opts: { userBytes: () => number; temp: string }) {
  // The cleanup takes files older than a day by the agent's clock; a file's ctime cannot be set back, so the clock runs two days ahead.
  const clock = createFakeClock(Date.now() + 2 * DAY);
  const store = new AgentStore(initialState({ appVersion: '1.0.0', platform: 'linux' }));
  const reads: number[] = [];
  const source: ChecksSource = { read: async () => (reads.push(clock.now()), reading(opts.userBytes())) };
  const ctx = {
    ports: { clock, checks: { source, tempDirs: { user: [opts.temp], system: [] } } },
    clock,
    options: { checks: { firstCheckDelayMs: 0 } },
    log: createLogger({ file: null, clock }),
    policy: () => DEFAULT_POLICY,
  } as unknown as CapabilityContext;
  const capability = checksCapability.create(ctx, sliceStore(store, 'checks', checksCapability.slices));
  await capability.start?.();
  const state = () => store.get().checks;
  await vi.waitFor(() => expect(state().lastCheckedAt).not.toBeNull());
  return { capability, state, store, reads };
}

async function tempFolder() {
  const root = await mkdtemp(join(tmpdir(), 'hallo-checks-cap-'));
  dirs.push(root);
  const temp = join(root, 'Temp');
  const outside = join(root, 'outside');
  await mkdir(temp);
  await mkdir(outside);
  return { temp, outside };
}

const lowDisk: StatusItem = { id: 'disk-space:/', check: 'disk-space', severity: 'attention', code: 'health.disk-space.low', params: { mount: '/', freeGb: 3, freePercent: 6, sizeGb: 50 } };

describe('checks capability: Tijdelijke bestanden opruimen', () => {
  it('is offered on the temp-files line when it needs attention, and on the system disk line when space runs low', async () => {
    const { temp } = await tempFolder();
    let bytes = 3 * GiB;
    const run = await boot({ userBytes: () => bytes, temp });
    expect(run.state().items).toEqual([{ id: 'temp-files', check: 'temp-files', severity: 'attention', code: 'health.temp-files.large', params: { sizeGb: 3.2 } }]);
    expect(run.state().cleanup.itemIds).toEqual(['temp-files']);

    run.store.set('health', { ...run.store.get().health, items: [lowDisk] }); // the health capability's next sample
    await vi.waitFor(() => expect(run.state().cleanup.itemIds).toEqual(['temp-files', 'disk-space:/']));

    bytes = 1 * GiB;
    await run.capability.actions['checks.refresh']();
    expect(run.state().cleanup.itemIds).toEqual(['disk-space:/']);
    await run.capability.stop?.();
  });

  it('removes the old files of the temp folder only, says what it freed, keeps it in cleanup.last and measures again', async () => {
    const { temp, outside } = await tempFolder();
    await writeFile(join(temp, 'setup.tmp'), Buffer.alloc(4096));
    await writeFile(join(outside, 'keep.docx'), 'the employee’s work');
    await symlink(outside, join(temp, 'link-to-outside'));
    const run = await boot({ userBytes: () => 3 * GiB, temp });
    const before = run.reads.length;

    const [first, second] = await Promise.all([run.capability.actions['checks.cleanTemp'](), run.capability.actions['checks.cleanTemp']()]);
    expect(second).toEqual({ outcome: 'running', freedBytes: 0, removed: 0, skipped: 0 });
    // The old file and the link itself (its own few bytes) go; what the link points at stays.
    expect(first).toMatchObject({ outcome: 'cleaned', removed: 2 });
    expect(first.freedBytes).toBeGreaterThanOrEqual(4096);
    expect(await readdir(temp)).toEqual([]);
    expect(await readdir(outside)).toEqual(['keep.docx']);
    expect(run.state().cleanup).toMatchObject({ running: false, last: { freedBytes: first.freedBytes, removed: 2, skipped: first.skipped, at: expect.any(String) } });
    await vi.waitFor(() => expect(run.reads.length).toBe(before + 1));
    await run.capability.stop?.();
  });

  it('a temp folder that is a link is not cleaned: failed, and nothing behind it removed', async () => {
    const { temp, outside } = await tempFolder();
    await writeFile(join(outside, 'old.tmp'), 'x');
    await rm(temp, { recursive: true });
    await symlink(outside, temp);
    const run = await boot({ userBytes: () => 0, temp });
    expect(await run.capability.actions['checks.cleanTemp']()).toEqual({ outcome: 'failed', freedBytes: 0, removed: 0, skipped: 0 });
    expect(await readdir(outside)).toEqual(['old.tmp']);
    expect(run.state().cleanup.last).toBeNull();
    await run.capability.stop?.();
  });
});

describe('checks capability: for admins', () => {
  it("keeps each probe's run with the user's home folder masked", async () => {
    const { temp } = await tempFolder();
    const run = await boot({ userBytes: () => 0, temp });
    expect(run.state().probes).toHaveLength(1);
    expect(run.state().probes[0]!.raw).not.toContain(homedir());
    expect(run.state().probes[0]!.raw).toContain('<user>');
    await run.capability.stop?.();
  });
});
