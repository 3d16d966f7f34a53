import type { OfficeChannel } from '../types';

// Microsoft 365 Apps' update channels by the GUID that ends `UpdateChannel` or `CDNBaseUrl`
// (tests/fixtures/checks/README.md: Microsoft's table in "Update channels for Microsoft 365 Apps").
// The one table: the updates capability (updates/parse/wua.ts) reads the channel through it too.
const CHANNEL_BY_GUID: Readonly<Record<string, Exclude<OfficeChannel, 'unknown'>>> = {
  '492350f6-3a01-4f97-b9c0-c7c6ddf67d60': 'current',
  '64256afe-f5d9-4f86-8936-8840a6a4f5be': 'current-preview',
  '55336b82-a18d-4dd6-b5f6-9e5095c314a6': 'monthly-enterprise',
  '7ffbc6bf-bc32-4f92-8982-f9dd17fd3114': 'semi-annual',
  'b8f9b850-328d-4355-9145-c59439a0c4cf': 'semi-annual-preview',
  '5440fd1f-7ecb-4221-8110-145efaa6372f': 'beta',
};

/** The channel named by a CDNBaseUrl or UpdateChannel value (a URL ending in the GUID, or the GUID); 'unknown' for anything else. */
export function officeChannelOf(value: string): OfficeChannel {
  const guid = /([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\/?$/i.exec(value.trim())?.[1]?.toLowerCase();
  return (guid && CHANNEL_BY_GUID[guid]) || 'unknown';
}
