import { afterEach, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../../../electron/agent/config/policy-defaults';
import { dataFolder, removeFolders, startAdmin } from './harness';

afterEach(removeFolders);

// "the policy and where it came from": the admin view's fold asks for the policy the agent works from.
it('admin.readPolicy gives the policy the agent works from and where it came from', async () => {
  const { dataDir } = await dataFolder();
  const { capability, store } = startAdmin({ dataDir });
  expect(await capability.actions['admin.readPolicy']()).toEqual({ policy: { ...DEFAULT_POLICY }, source: 'defaults', etag: null });

  store.set('config', { ...store.get().config, policySource: 'api', policyEtag: '"p-42"' });
  const read = await capability.actions['admin.readPolicy']();
  expect(read).toMatchObject({ source: 'api', etag: '"p-42"' });
  expect(read.policy).toHaveProperty('support.phone', DEFAULT_POLICY.support.phone);
});
