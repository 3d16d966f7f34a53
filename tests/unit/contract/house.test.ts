import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CAPABILITIES, WINDOW_NAMES, actions } from '../../../electron/contract';
import { CAPABILITY_LIST } from '../../../electron/agent/capabilities';
import { routes } from '../../reference-api/router';

// The recipes of electron/agent/README.md, checked: a step that is missed fails here.

describe('the house holds together', () => {
  it('every capability of the contract is in the list, once, each with its own folder', () => {
    expect(CAPABILITY_LIST.map((c) => c.name).sort()).toEqual([...CAPABILITIES].sort());
    for (const name of CAPABILITIES) expect(existsSync(`electron/agent/${name}/capability.ts`), name).toBe(true);
  });

  it('no two capabilities own the same slice', () => {
    const owned = CAPABILITY_LIST.flatMap((c) => c.slices);
    expect(new Set(owned).size).toBe(owned.length);
  });

  it('every window has a preload, built by electron-vite, and actions it may send', () => {
    const config = readFileSync('electron.vite.config.ts', 'utf8');
    for (const window of WINDOW_NAMES) {
      expect(existsSync(`electron/preload/${window}.ts`), window).toBe(true);
      expect(config, window).toContain(`electron/preload/${window}.ts`);
      expect(Object.values(actions).some((a) => (a.windows as readonly string[]).includes(window)), window).toBe(true);
    }
  });

  it('the reference server answers every operation of the OpenAPI file, and nothing else', () => {
    const openapi = JSON.parse(readFileSync('electron/agent/hallo-api/openapi.json', 'utf8')) as { paths: Record<string, Record<string, { operationId?: string }>> };
    const operations = Object.values(openapi.paths).flatMap((path) => Object.values(path).map((op) => op.operationId).filter(Boolean));
    const table = routes({ signer: {} as never, faults: {} as never });
    expect(Object.keys(table).sort()).toEqual([...operations].sort());
  });
});
