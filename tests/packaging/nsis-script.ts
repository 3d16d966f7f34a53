import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** build/installer.nsh as electron-builder includes it (electron-builder.yml: nsis.include). */
export function installerScript(): string {
  return readFileSync(resolve('build/installer.nsh'), 'utf8');
}

/** The body of `!macro name` ... `!macroend` in an NSIS script. */
export function macro(script: string, name: string): string {
  const match = new RegExp(String.raw`^!macro ${name}(?:[ \t]+\w+)*\s*$([\s\S]*?)^!macroend`, 'm').exec(script);
  if (!match) throw new Error(`no !macro ${name}`);
  return match[1]!;
}

/** Each `!define NAME value` (quotes removed, NSIS escapes kept). */
export function defines(script: string): Record<string, string> {
  const found: Record<string, string> = {};
  for (const [, name, quoted, bare] of script.matchAll(/^!define (\w+) (?:"([^"]*)"|(\S+))\s*$/gm)) found[name!] = quoted ?? bare!;
  return found;
}

/** An NSIS string's text at run time: `$\r` `$\n` `$\"` and `$$` unescaped, `$name` variables replaced. */
export function nsisString(text: string, vars: Record<string, string> = {}): string {
  return text.replace(/\$(\\[rnt"']|\$|\w+)/g, (whole, token: string) => {
    if (token === '$') return '$';
    if (token.startsWith('\\')) return ({ '\\r': '\r', '\\n': '\n', '\\t': '\t' } as Record<string, string>)[token] ?? token.slice(1);
    if (Object.hasOwn(vars, token)) return vars[token]!;
    throw new Error(`unknown NSIS variable ${whole}`);
  });
}
