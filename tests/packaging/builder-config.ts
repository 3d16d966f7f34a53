import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';

/** electron-builder.yml as electron-builder will read it. */
export function loadBuilderConfig(): Record<string, unknown> {
  return parse(readFileSync(resolve('electron-builder.yml'), 'utf8')) as Record<string, unknown>;
}
