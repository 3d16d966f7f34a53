import { describe, expect, it } from 'vitest';
import { parseRebootRequired } from '../../../../electron/agent/updates/parse/reboot-required';
import { GARBAGE, recorded } from '../fixtures';

describe('/var/run/reboot-required', () => {
  it('the banner alone is a hard reason without package names', () => {
    expect(parseRebootRequired(recorded('ubuntu-22.04/reboot-required.en.txt'))).toEqual({ value: [{ code: 'packages', soft: false }] });
    expect(parseRebootRequired(recorded('ubuntu-generic/reboot-required.en.txt'))).toEqual({ value: [{ code: 'packages', soft: false }] });
  });

  it('the .pkgs file names each package once', () => {
    expect(parseRebootRequired(recorded('ubuntu-generic/reboot-required.pkgs.txt'))).toEqual({
      value: [{ code: 'packages', soft: false, packages: ['libssl1.0.0', 'linux-base', 'libc6'] }],
    });
  });

  it('a banner in another language is still the banner (update-notifier translates it)', () => {
    expect(parseRebootRequired('*** Neustart des Systems erforderlich ***\n')).toEqual({ value: [{ code: 'packages', soft: false }] });
  });

  it.each(GARBAGE)('%j is unreadable', (text) => {
    expect(parseRebootRequired(text)).toHaveProperty('unreadable');
  });
});
