import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';

/** Fresh data folders for a test file, removed after each test. */
export function useDataFolders(prefix: string): () => Promise<string> {
  const folders: string[] = [];
  afterEach(async () => {
    for (const dir of folders.splice(0)) await rm(dir, { recursive: true, force: true });
  });
  return async () => {
    const dir = await mkdtemp(join(tmpdir(), `hallo-${prefix}-`));
    folders.push(dir);
    return dir;
  };
}
