import type { DeviceInfo } from '../../../electron/contract';

/** The PC the ticket tests report from. */
export const device: DeviceInfo = {
  hostname: 'PC-ANNA-01',
  manufacturer: 'HP',
  model: 'EliteBook 840 G8',
  serialNumber: '5CD1234XYZ',
  os: { platform: 'linux', distro: 'Debian GNU/Linux', release: '12', build: '', arch: 'x64' },
  cpu: 'Intel Core i5-1145G7',
  memoryBytes: 16e9,
};
