import { describe, expect, it } from 'vitest';
import { channelFileName, fileForPlatform, parseUpdateInfo } from '../../../electron/preview/update-feed';

// electron-updater's generic feed as the preview's updater reads it. The names are electron-updater
// 6.8's (node_modules/electron-updater/out/providers/Provider.js getChannelFilePrefix,
// getCustomChannelName; util.js getChannelFilename); the document is electron-builder's latest.yml.

describe('the channel file’s name', () => {
  const rows: [Parameters<typeof channelFileName>, string][] = [
    [['stable', 'win32', 'x64'], 'latest.yml'],
    [['beta', 'win32', 'x64'], 'beta.yml'],
    [['stable', 'darwin', 'arm64'], 'latest-mac.yml'],
    [['beta', 'darwin', 'x64'], 'beta-mac.yml'],
    [['stable', 'linux', 'x64'], 'latest-linux.yml'],
    [['stable', 'linux', 'arm64'], 'latest-linux-arm64.yml'],
    [['beta', 'linux', 'x64'], 'beta-linux.yml'],
  ];
  it.each(rows)('%j → %s', (args, name) => {
    expect(channelFileName(...args)).toBe(name);
  });
});

// As electron-builder 26 writes it for an NSIS target (its shape; hashes and sizes of a small file).
const LATEST_YML = `version: 1.5.0
files:
  - url: hallo-agent-Setup-1.5.0.exe
    sha512: ${'A'.repeat(86)}==
    size: 81234567
  - url: hallo-agent-1.5.0.AppImage
    sha512: ${'B'.repeat(86)}==
    size: 91234567
path: hallo-agent-Setup-1.5.0.exe
sha512: ${'A'.repeat(86)}==
releaseDate: '2026-12-06T12:00:00.000Z'
`;

describe('the channel file', () => {
  it('is read: the version, its date and the installer for this OS', () => {
    const parsed = parseUpdateInfo(LATEST_YML);
    if (!parsed.ok) throw new Error(parsed.detail);
    expect([parsed.info.version, parsed.info.releaseDate]).toEqual(['1.5.0', '2026-12-06T12:00:00.000Z']);
    expect(fileForPlatform(parsed.info, 'win32').url).toBe('hallo-agent-Setup-1.5.0.exe');
    expect(fileForPlatform(parsed.info, 'linux').url).toBe('hallo-agent-1.5.0.AppImage');
    expect(fileForPlatform(parsed.info, 'darwin').url).toBe('hallo-agent-Setup-1.5.0.exe'); // no zip: the first
  });

  const bad: [string, string, string][] = [
    ['HTML instead of YAML', '<html>garbage</html>\n', 'the document'],
    ['no files', 'version: 1.5.0\nfiles: []\n', 'files'],
    ['a hash that is not base64 sha512', LATEST_YML.replace(`${'A'.repeat(86)}==`, 'abc'), 'files.0.sha512'],
    ['no version', LATEST_YML.replace('version: 1.5.0\n', ''), 'version'],
    ['not YAML at all', 'version: [1.5.0\n', 'not YAML'],
  ];
  it.each(bad)('refuses %s, saying where', (_, text, where) => {
    const parsed = parseUpdateInfo(text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.detail).toContain(where);
  });
});
