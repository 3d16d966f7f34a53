import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import openapiTS, { astToString, COMMENT_HEADER } from 'openapi-typescript';
import { describe, expect, it } from 'vitest';

// openapi.d.ts (the typed client's types) must be what `npm run api:types` makes from
// openapi.json today, so that a change to the API file cannot ship with stale types. This is the
// CLI's own generation (openapi-typescript's bin/cli.js: the header, then astToString of
// openapiTS with no options set); a difference means: run `npm run api:types`.
const SPEC = resolve('electron/agent/hallo-api/openapi.json');
const TYPES = resolve('electron/agent/hallo-api/openapi.d.ts');

describe('electron/agent/hallo-api/openapi.d.ts', () => {
  it('is what openapi-typescript generates from openapi.json', async () => {
    const generated = COMMENT_HEADER + astToString(await openapiTS(pathToFileURL(SPEC), { silent: true }));
    expect(readFileSync(TYPES, 'utf8'), 'openapi.d.ts is stale: run `npm run api:types`').toBe(generated);
  }, 60_000);
});
