import { defines, nsisString } from './nsis-script';

/*
 * Runs the parts of build/installer.nsh that decide (customInit and the functions it calls) on a
 * command line, so that a test checks the script itself rather than a copy of its rules. Only
 * the instructions those parts use are known; any other stops the run with an error naming it,
 * so that a change to the script that this cannot follow fails loudly instead of passing.
 * FileFunc's GetParameters and GetOptions are modelled on NSIS 3's FileFunc.nsh: an option is
 * found case-insensitively, its value ends at the next unquoted "/" and loses surrounding quotes.
 */

export class Refused extends Error {}

type Line = { words: string[]; text: string };

/** Splits one NSIS line into words: quotes ("", '', ``) group, `;` starts a comment. */
function words(line: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < line.length) {
    const c = line[i]!;
    if (c === ' ' || c === '\t') i++;
    else if (c === ';' || c === '#') break;
    else if (c === '"' || c === "'" || c === '`') {
      let end = i + 1;
      while (end < line.length && !(line[end] === c && line[end - 1] !== '\\')) end++;
      out.push(line.slice(i + 1, end));
      i = end + 1;
    } else {
      let end = i;
      while (end < line.length && line[end] !== ' ' && line[end] !== '\t') end++;
      out.push(line.slice(i, end));
      i = end;
    }
  }
  return out;
}

function linesOf(body: string, defs: Record<string, string>): Line[] {
  return body
    .split('\n')
    .map((text) => text.replace(/\$\{(HALLO_\w+)\}/g, (_, name: string) => defs[name] ?? `\${${name}}`).trim())
    .filter((text) => text && !text.startsWith(';'))
    .map((text) => ({ text, words: words(text) }));
}

/** Where each ${If} and ${Do} ends, and each ${If}'s ${Else}, for the jumps (an ${Else} maps to its ${EndIf}). */
function blocks(lines: Line[]): Map<number, number> {
  const ends = new Map<number, number>();
  const open: number[] = [];
  const elses = new Map<number, number>();
  lines.forEach((line, at) => {
    const head = line.words[0];
    if (head === '${If}' || head === '${Do}') open.push(at);
    if (head === '${Else}') elses.set(open[open.length - 1]!, at);
    if (head === '${EndIf}' || head === '${Loop}') {
      const start = open.pop()!;
      const other = elses.get(start);
      // A false ${If} goes on after its ${Else}; a true one, reaching the ${Else}, jumps to the end.
      ends.set(start, other ?? at);
      if (other !== undefined) ends.set(other, at);
    }
  });
  return ends;
}

function getOption(params: string, option: string): string | null {
  const at = params.toLowerCase().indexOf(option.toLowerCase());
  if (at < 0) return null;
  let value = '';
  let quote = '';
  for (const c of params.slice(at + option.length)) {
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'" || c === '`') quote = c;
    else if (c === option[0]) break;
    value += c;
  }
  value = value.trim();
  const first = value[0];
  if (value.length > 1 && (first === '"' || first === "'" || first === '`') && value.endsWith(first)) value = value.slice(1, -1);
  return value;
}

/** The folders the script looks at: which are links (GetFileAttributes REPARSE_POINT), and what RMDir and CreateDirectory do to them. */
export interface NsisWorld {
  /** A path's REPARSE_POINT attribute; null: the path does not exist (the error flag is set). */
  isLink?: (path: string) => boolean | null;
  /** RMDir (not /r): false when Windows refused (the error flag is set). */
  removeDir?: (path: string) => boolean;
  createDir?: (path: string) => void;
  /** Rename: false when Windows refused (the error flag is set). */
  rename?: (from: string, to: string) => boolean;
  /** nsExec::ExecToStack: the exit code and what the command printed. */
  exec?: (command: string) => { code: number; output: string };
  /** ReadRegDWORD / WriteRegDWORD, by "ROOT\\key\\value" (a missing value reads as "" with the error flag). */
  registry?: Map<string, string>;
  /** Stand-ins for Functions the runner cannot run (System::Call): they change the variables. */
  stand?: Record<string, (vars: Record<string, string>) => void>;
}

/** Runs customInit (and the functions it calls) on a command line. */
export function runCustomInit(script: string, params: string): Record<string, string> {
  const init = /^!macro customInit\s*$([\s\S]*?)^!macroend/m.exec(script)?.[1];
  if (init === undefined) throw new Error('no !macro customInit');
  return interpret(script, init, params, {}, {});
}

/** Runs one Function of the script with these variables set first (e.g. `R2`, `halloAclOk`). */
export function runFunction(script: string, name: string, given: Record<string, string>, world: NsisWorld): Record<string, string> {
  const body = new RegExp(String.raw`^Function ${name}\s*$([\s\S]*?)^FunctionEnd`, 'm').exec(script)?.[1];
  if (body === undefined) throw new Error(`no Function ${name}`);
  return interpret(script, body, '', given, world);
}

function interpret(script: string, body: string, params: string, given: Record<string, string>, world: NsisWorld): Record<string, string> {
  const defs = defines(script);
  const functions = new Map<string, Line[]>();
  for (const [, name, text] of script.matchAll(/^Function (\w+)\s*$([\s\S]*?)^FunctionEnd/gm)) functions.set(name!, linesOf(text!, defs));

  // NSIS's registers ($0-$9, $R0-$R9) start empty.
  const vars: Record<string, string> = { ...Object.fromEntries(Array.from({ length: 10 }, (_, n) => [[`${n}`, ''], [`R${n}`, '']]).flat()), SYSDIR: 'C:\\Windows\\System32', ...given };
  const stack: string[] = [];
  let errors = false;
  const value = (word: string) => nsisString(word, vars);
  const variable = (word: string) => {
    if (!/^\$\w+$/.test(word)) throw new Error(`not a variable: ${word}`);
    return word.slice(1);
  };

  function condition(w: string[]): boolean {
    if (w.length === 1 && w[0] === '${Errors}') return errors;
    const [a, op, b] = [value(w[0]!), w[1], value(w[2]!)];
    switch (op) {
      case '==': return a.toLowerCase() === b.toLowerCase();
      case '!=': return a.toLowerCase() !== b.toLowerCase();
      case 'S==': return a === b;
      case '<': return Number(a) < Number(b);
      case '<=': return Number(a) <= Number(b);
      case '>': return Number(a) > Number(b);
      default: throw new Error(`unknown comparison ${op}`);
    }
  }

  function run(lines: Line[]): void {
    const ends = blocks(lines);
    const loops: number[] = [];
    for (let pc = 0; pc < lines.length; pc++) {
      const [head, ...w] = lines[pc]!.words;
      switch (head) {
        case '${If}': {
          const start = pc;
          let holds = condition(w);
          for (let next = lines[pc + 1]?.words[0]; next === '${OrIf}' || next === '${AndIf}'; next = lines[pc + 1]?.words[0]) {
            const also = condition(lines[++pc]!.words.slice(1));
            holds = next === '${OrIf}' ? holds || also : holds && also;
          }
          if (!holds) pc = ends.get(start)!;
          break;
        }
        case '${EndIf}': break;
        case '${Else}': pc = ends.get(pc)!; break;
        case '${Do}': loops.push(pc); break;
        case '${Loop}': pc = loops[loops.length - 1]!; break;
        case '${ExitDo}': {
          const start = loops.pop()!;
          pc = ends.get(start)!;
          break;
        }
        case 'ClearErrors': errors = false; break;
        case 'SetErrors': errors = true; break;
        case 'Push': stack.push(value(w[0]!)); break;
        case 'Pop': vars[variable(w[0]!)] = stack.pop() ?? ''; break;
        case 'StrLen': vars[variable(w[0]!)] = String(value(w[1]!).length); break;
        case 'IntOp': {
          if (w[2] !== '+') throw new Error(`IntOp ${w[2]} is not known here`);
          vars[variable(w[0]!)] = String(Number(value(w[1]!)) + Number(value(w[3]!)));
          break;
        }
        case 'StrCpy': {
          const text = value(w[1]!);
          const offset = w[3] === undefined ? 0 : Number(value(w[3]));
          const rest = text.slice(offset < 0 ? text.length + offset : offset);
          vars[variable(w[0]!)] = w[2] === undefined || w[2] === '' ? rest : rest.slice(0, Number(value(w[2])));
          break;
        }
        case 'Call': {
          const standIn = world.stand?.[w[0]!];
          if (standIn) {
            standIn(vars);
            break;
          }
          const body = functions.get(w[0]!);
          if (!body) throw new Error(`no Function ${w[0]}`);
          run(body);
          break;
        }
        case '${GetParameters}': vars[variable(w[0]!)] = params; break;
        case 'RMDir': {
          if (w[0]!.startsWith('/')) throw new Error(`this runner knows only RMDir without options: ${lines[pc]!.text}`);
          errors = !(world.removeDir?.(value(w[0]!)) ?? true);
          break;
        }
        case 'CreateDirectory': world.createDir?.(value(w[0]!)); break;
        case 'Rename': errors = !(world.rename?.(value(w[0]!), value(w[1]!)) ?? true); break;
        case 'nsExec::ExecToStack': {
          const ran = world.exec?.(value(w[0]!)) ?? { code: 0, output: '' };
          stack.push(ran.output, String(ran.code)); // Pop: the exit code, then the output
          break;
        }
        case 'System::Call':
          if (w[0] !== 'kernel32::GetTickCount() i .R9') throw new Error(`this runner knows only GetTickCount: ${lines[pc]!.text}`);
          vars.R9 = '123456';
          break;
        case 'ReadRegDWORD': {
          const found = world.registry?.get(`${w[1]}\\${value(w[2]!)}\\${value(w[3]!)}`);
          errors = found === undefined;
          vars[variable(w[0]!)] = found ?? '';
          break;
        }
        case 'WriteRegDWORD': world.registry?.set(`${w[0]}\\${value(w[1]!)}\\${value(w[2]!)}`, value(w[3]!)); break;
        case 'DetailPrint': break;
        case '${GetFileAttributes}': {
          // FileFunc: 1 or 0 for the one attribute asked; a path that does not exist sets the error flag and gives "".
          if (w[1] !== 'REPARSE_POINT') throw new Error(`this runner knows only REPARSE_POINT: ${lines[pc]!.text}`);
          const link = world.isLink?.(value(w[0]!)) ?? null;
          errors = link === null;
          vars[variable(w[2]!)] = link === null ? '' : link ? '1' : '0';
          break;
        }
        case '${GetOptions}': {
          const found = getOption(value(w[0]!), value(w[1]!));
          errors = found === null;
          vars[variable(w[2]!)] = found ?? '';
          break;
        }
        case '!insertmacro':
          if (w[0] === 'halloRefuse') throw new Refused(nsisString(w[1]!, {}));
          throw new Error(`unknown macro ${w[0]}`);
        default:
          throw new Error(`this runner does not know: ${lines[pc]!.text}`);
      }
    }
  }
  run(linesOf(body, defs));
  return vars;
}
