import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateOperations, generateValidators } from '../../../build/api-validators';
import { API_OPERATIONS_FILE, API_VALIDATORS_DIR } from '../../../electron/agent/hallo-api/validator-files';

const HALLO_API = join('electron', 'agent', 'hallo-api');
const DIR = join(HALLO_API, API_VALIDATORS_DIR);

describe('the compiled API validators (electron/agent/hallo-api/api-validators/, api-operations.json)', () => {
  it('are what openapi.json compiles to now: after changing it, run npm run api:validators', () => {
    const generated = generateValidators();
    const onDisk = readdirSync(DIR).sort();
    expect(onDisk).toEqual([...generated.keys()].sort());
    const stale = onDisk.filter((name) => readFileSync(join(DIR, name), 'utf8') !== generated.get(name));
    expect(stale).toEqual([]);
    expect(readFileSync(join(HALLO_API, API_OPERATIONS_FILE), 'utf8')).toBe(generateOperations());
  }, 60_000); // ajv compiles every schema of openapi.json: seconds of CPU on a loaded machine
});
