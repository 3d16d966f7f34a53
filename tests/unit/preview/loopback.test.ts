import { describe, expect, it } from 'vitest';
import { isLoopbackAddress } from '../../../electron/preview/bridge';

// The bridge admits only loopback peers, and `npm run preview` refuses another --host.
describe('isLoopbackAddress', () => {
  it.each(['127.0.0.1', '127.8.9.10', '::1', '[::1]', '::ffff:127.0.0.1', 'localhost'])('%s is loopback', (address) => {
    expect(isLoopbackAddress(address)).toBe(true);
  });
  it.each(['0.0.0.0', '::', '192.168.1.20', '::ffff:10.0.0.1', '128.0.0.1', '127.0.0.1.evil.example', 'localhost.evil.example', ''])(
    '%s is not',
    (address) => expect(isLoopbackAddress(address)).toBe(false),
  );
});
