import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from './files';
import type { SecretStorage, SecretStore } from './ports';

/** How a secret is sealed on disk: Electron's safeStorage in the app, plain bytes elsewhere. */
export interface SecretCodec {
  /** What the codec does to a secret now: `file` when it is stored as plain bytes. */
  readonly storage: SecretStorage;
  seal(plain: string): Uint8Array;
  open(sealed: Uint8Array): string;
}

const plainCodec: SecretCodec = {
  storage: 'file',
  seal: (plain) => Buffer.from(plain, 'utf8'),
  open: (sealed) => Buffer.from(sealed).toString('utf8'),
};

/** One 0600 file per secret in `dir`; names are ours (never user input), checked anyway. */
export function createFileSecretStore(dir: string, codec: SecretCodec = plainCodec): SecretStore {
  const fileFor = (name: string) => {
    if (!/^[a-z0-9-]+$/.test(name)) throw new Error(`bad secret name ${name}`);
    return join(dir, `${name}.secret`);
  };
  return {
    get storage() {
      return codec.storage;
    },
    async get(name) {
      try {
        return codec.open(await readFile(fileFor(name)));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
    },
    async set(name, value) {
      await writeFileAtomic(fileFor(name), codec.seal(value), 0o600);
    },
    async delete(name) {
      await rm(fileFor(name), { force: true });
    },
  };
}
