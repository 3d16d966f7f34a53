import type { TypedStatusItem } from '../contract';
import { catalogs } from '../contract/messages';
import type { UpdatesProblem } from '../agent/updates/types';

/** A status item as the agent builds it, with the sentence each language shows for it. */
export type ReportedItem = TypedStatusItem & { says: { nl: string; en: string } };

type Tree = { [key: string]: string | Tree };
const lookup = (tree: Tree, path: string): string | undefined => {
  const found = path.split('.').reduce<string | Tree | undefined>((node, key) => (typeof node === 'object' ? node[key] : undefined), tree);
  return typeof found === 'string' ? found : undefined;
};

const fill = (text: string, params: Record<string, unknown>) => text.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) => String(params[name] ?? ''));

// The popup's rule (renderer/src/messages.ts): an unknown item says `health.unknown.<check>.<reason>`.
function sentence(item: TypedStatusItem, language: 'nl' | 'en'): string {
  const params = item.params as Record<string, string | number>;
  const key = item.code === 'health.unknown' ? `health.unknown.${item.check}.${String(params.reason)}` : `${item.code}.text`;
  return fill(lookup(catalogs[language] as unknown as Tree, key) ?? key, params);
}

export const withWords = (items: readonly TypedStatusItem[]): ReportedItem[] =>
  items.map((item) => ({ ...item, says: { nl: sentence(item, 'nl'), en: sentence(item, 'en') } }));

/** An update problem with the admin's sentence (`updates.problem.<code>`) in each language. */
export function problemWithWords(problem: UpdatesProblem): UpdatesProblem & { says: { nl: string; en: string } } {
  const say = (language: 'nl' | 'en') => fill(lookup(catalogs[language] as unknown as Tree, `updates.problem.${problem.code}`) ?? problem.code, { ...problem });
  return { ...problem, says: { nl: say('nl'), en: say('en') } };
}
