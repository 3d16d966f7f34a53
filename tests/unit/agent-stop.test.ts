import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it, vi } from 'vitest';
import { CAPABILITY_STOP_GRACE_MS, createAgent } from '../../electron/agent/agent';
import { CAPABILITY_LIST } from '../../electron/agent/capabilities';
import { createNodePorts } from '../../electron/preview/node-ports';
import { createFakeClock } from '../doubles/fake-clock';

// Quitting the app (or Ctrl-C in the preview) must end even when one capability's stop waits for
// something that never comes: the composition root gives each one a grace and names the one left behind.

const dirs: string[] = [];
afterEach(async () => {
  vi.restoreAllMocks();
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true, maxRetries: 5 })));
});

it('a capability whose stop never ends is logged by name, and the others still stop after it', async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'hallo-agent-stop-'));
  dirs.push(dataDir);
  const clock = createFakeClock();
  const remote = CAPABILITY_LIST.find((definition) => definition.name === 'remote')!;
  const create = remote.create.bind(remote);
  vi.spyOn(remote, 'create').mockImplementation(((...args: Parameters<typeof create>) => ({ ...create(...args), stop: () => new Promise<void>(() => {}) })) as typeof create);
  const stopped: string[] = [];
  for (const definition of CAPABILITY_LIST.filter((d) => d !== remote)) {
    const original = definition.create.bind(definition);
    vi.spyOn(definition, 'create').mockImplementation(((...args: Parameters<typeof original>) => {
      const capability = original(...(args as [never, never])) as { stop?: () => unknown };
      return { ...capability, stop: async () => (await capability.stop?.(), stopped.push(definition.name)) };
    }) as never);
  }
  const agent = createAgent({ ...createNodePorts({ dataDir, configFiles: [] }), clock }, { appVersion: '0.1.0-test', systemLanguages: ['nl-NL'], env: {} });

  let done = false;
  const stopping = agent.stop().then(() => (done = true));
  await vi.waitFor(() => expect(clock.pending().length).toBeGreaterThan(0));
  expect(done).toBe(false);
  await clock.advance(CAPABILITY_STOP_GRACE_MS);
  await stopping;
  expect(agent.log.recent()).toContainEqual(
    expect.objectContaining({ level: 'error', msg: 'a capability did not stop in time; stopping without it', data: expect.objectContaining({ capability: 'remote' }) }),
  );
  // Those stopped before the stuck one (the list is stopped last to first) and those after it.
  expect(stopped.sort()).toEqual(CAPABILITY_LIST.filter((d) => d !== remote).map((d) => d.name).sort());
});
