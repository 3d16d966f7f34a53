import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { API_VALIDATORS_DIR } from '../electron/agent/hallo-api/validator-files';

// How the main process is bundled: shared by electron.vite.config.ts (the app) and
// tests/integration/fixtures/bundle.ts (the benchmark and the tests that measure what the agent holds).

/**
 * Packages of package.json's dependencies that are bundled into main instead of loaded from
 * node_modules. zod: loaded as a package it evaluates every module of its index, all ~60 locales
 * included (about 2.4 MB of heap in the idle agent, npm run bench); bundled, the unused ones are
 * left out. The rest stay external: they are CommonJS or load their parts lazily already.
 */
export const BUNDLED_IN_MAIN = ['zod'];

/** True for an import that main loads from node_modules at run time (electron-vite's externalizeDeps). */
export function externalInMain(id: string): boolean {
  const { dependencies } = JSON.parse(readFileSync('package.json', 'utf8')) as { dependencies: Record<string, string> };
  return Object.keys(dependencies).some((name) => !BUNDLED_IN_MAIN.includes(name) && (id === name || id.startsWith(`${name}/`)));
}

/**
 * Writes every character beyond Latin-1 as a \u escape. V8 holds each script's source for as long as
 * the script lives, one byte a character while all of them are Latin-1 and two bytes otherwise: one
 * typographic quote in a comment or a JSON description doubled the bundle's 0.6 MB. An escape means
 * the same in a string, a template, a regular expression, an identifier and a comment.
 */
export function latin1Source(): { name: string; generateBundle(options: unknown, bundle: Record<string, { type: string; code?: string }>): void } {
  return {
    name: 'hallo-latin1-source',
    // Here, on the finished chunks: what renderChunk returned did not reach the file (vite 8).
    generateBundle(_options, bundle) {
      for (const chunk of Object.values(bundle)) {
        if (chunk.type === 'chunk' && chunk.code) chunk.code = chunk.code.replace(/[^\0-\xff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
      }
    },
  };
}

/**
 * Copies the API's validators beside the bundle, where hallo-api/validator.ts requires each at its
 * first use (build/api-validators.ts): files of their own, so that V8 never holds the ones unused.
 */
export function apiValidatorFiles(): { name: string; generateBundle(this: { emitFile(file: { type: 'asset'; fileName: string; source: string }): string }): void } {
  const dir = join('electron', 'agent', 'hallo-api', API_VALIDATORS_DIR);
  return {
    name: 'hallo-api-validator-files',
    generateBundle() {
      for (const name of readdirSync(dir)) this.emitFile({ type: 'asset', fileName: `${API_VALIDATORS_DIR}/${name}`, source: readFileSync(join(dir, name), 'utf8') });
    },
  };
}
