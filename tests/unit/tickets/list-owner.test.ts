import { describe, expect, it } from 'vitest';
import { listIsForeign } from '../../../electron/agent/tickets/list-owner';

const A = 'https://a.example/v1';
describe('whose ticket list it is', () => {
  it.each([
    ['the same device and API', { deviceId: 'd1', apiUrl: A }, { deviceId: 'd1', apiUrl: A }, false],
    ['another device', { deviceId: 'd1', apiUrl: A }, { deviceId: 'd2', apiUrl: A }, true],
    ['another API', { deviceId: 'd1', apiUrl: A }, { deviceId: 'd1', apiUrl: 'https://b.example/v1' }, true],
    ['not enrolled yet: keep what is shown', { deviceId: 'd1', apiUrl: A }, { deviceId: null, apiUrl: A }, false],
    ['a list kept before owners were written', null, { deviceId: 'd1', apiUrl: A }, false],
  ])('%s', (_, owner, now, foreign) => {
    expect(listIsForeign(owner, now)).toBe(foreign);
  });
});
