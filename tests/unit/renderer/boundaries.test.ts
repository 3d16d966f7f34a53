import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// The renderer bundle must stay free of zod (the contract's schemas are for the doors, not the
// page) and free of inline styles (the CSP has no 'unsafe-inline').
function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sources(join(dir, entry.name)) : /\.tsx?$/.test(entry.name) ? [join(dir, entry.name)] : [],
  );
}
// The contract modules the renderer may take values from: none of them may pull in zod.
const ZOD_FREE = ['errors', 'fields', 'ticket-defaults', 'text', 'sizes', 'status-codes', 'limits', 'messages', 'wire', 'updates', 'when', 'notice-actions', 'checklist', 'history-summary', 'sparkline', 'numbers', 'item-message', 'maintenance-line', 'i18n'];
const files = sources('renderer/src').map((path) => ({ path, text: readFileSync(path, 'utf8') }));

describe('renderer boundaries', () => {
  it('imports values from the contract only from its zod-free modules', () => {
    for (const { path, text } of files) {
      for (const [statement] of text.matchAll(/^import\s[^;]*?from\s+'[^']*electron\/contract[^']*';/gms)) {
        if (/^import type /.test(statement)) continue;
        expect(statement, path).toMatch(new RegExp(`electron/contract/(${ZOD_FREE.join('|')})'`));
      }
    }
  });

  it('keeps the zod-free contract modules zod-free', () => {
    for (const file of [...ZOD_FREE.filter((m) => m !== 'messages').map((m) => `${m}.ts`), 'messages/index.ts', 'messages/nl.ts', 'messages/en.ts']) {
      const text = readFileSync(join('electron/contract', file), 'utf8');
      expect(text, file).not.toMatch(/from\s+'(zod|\.\/(state|actions|events)|\.\.\/(state|actions|events|index))'/);
    }
  });

  it('sets no inline styles', () => {
    for (const { path, text } of files) expect(text, path).not.toMatch(/\bstyle=\{|dangerouslySetInnerHTML/);
  });
});
