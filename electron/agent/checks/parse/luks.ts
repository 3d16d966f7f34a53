import { z } from 'zod';
import { firstWords } from '../../updates/parse/lines';
import type { EncryptionFinding, Parsed } from '../types';

/*
 * LUKS on Linux: `lsblk --json -o NAME,TYPE,FSTYPE,MOUNTPOINT` (no root needed). util-linux ≥ 2.37
 * may print `mountpoints` (a list) instead of `mountpoint`; both are read. `/` is encrypted when it
 * sits on (or under, as with LVM on LUKS) a `crypt` device whose parent holds `crypto_LUKS`.
 * No device mounted at `/` (a container's overlay, a network root): nothing can be said.
 */
interface Device {
  name: string;
  type: string;
  fstype?: string | null | undefined;
  mountpoint?: string | null | undefined;
  mountpoints?: (string | null)[] | undefined;
  children?: Device[] | undefined;
}
const Device: z.ZodType<Device> = z.lazy(() =>
  z.object({
    name: z.string(),
    type: z.string(),
    fstype: z.string().nullish(),
    mountpoint: z.string().nullish(),
    mountpoints: z.array(z.string().nullable()).optional(),
    children: z.array(Device).optional(),
  }),
);
const Lsblk = z.object({ blockdevices: z.array(Device) });

const mountedAtRoot = (device: Device): boolean => device.mountpoint === '/' || (device.mountpoints ?? []).includes('/');

/** The chain of devices from a top-level disk down to the one mounted at `/`, or null. */
function pathToRoot(devices: readonly Device[], above: Device[] = []): Device[] | null {
  for (const device of devices) {
    const path = [...above, device];
    if (mountedAtRoot(device)) return path;
    const below = pathToRoot(device.children ?? [], path);
    if (below) return below;
  }
  return null;
}

export function parseLsblkLuks(text: string): Parsed<EncryptionFinding> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { unknown: 'unreadable', detail: firstWords(text) };
  }
  const parsed = Lsblk.safeParse(json);
  if (!parsed.success) return { unknown: 'unreadable', detail: firstWords(text) };
  const path = pathToRoot(parsed.data.blockdevices);
  if (!path) return { unknown: 'unsupported', detail: 'no block device is mounted at /' };
  const encrypted = path.some((device, i) => device.type === 'crypt' && i > 0 && path[i - 1]!.fstype === 'crypto_LUKS');
  return { value: { volume: '/', state: encrypted ? 'on' : 'off', percent: null, method: 'luks' } };
}
