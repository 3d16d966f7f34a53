import { firstWords, lines } from '../../updates/parse/lines';
import type { FirewallFinding, Parsed } from '../types';

/*
 * Linux netfilter as `nft list ruleset` prints it (root only; ufw and firewalld on an nftables
 * backend show up here too). It filters when some chain hooked to `input` drops by policy or has
 * rules of its own; Debian's stock /etc/nftables.conf (input chain, policy accept, no rules) and an
 * empty ruleset (no output at all, exit 0) filter nothing. Without root:
 * `Operation not permitted (you must be root)` → denied.
 */
const TABLE = /^table\s+\S+\s+\S+\s*\{$/;
const CHAIN = /^chain\s+\S+\s*\{$/;
const HOOK = /\btype\s+\w+\s+hook\s+(\w+)\b.*?(?:\bpolicy\s+(\w+)\s*;)?\s*$/;
const DENIED = /operation not permitted|you must be root|permission denied/i;

interface Chain {
  hook: string | null;
  policy: string | null;
  rules: number;
}

export function parseNftRuleset(text: string): Parsed<FirewallFinding> {
  const all = lines(text).map((line) => line.trim());
  if (all.some((line) => DENIED.test(line))) return { unknown: 'denied', detail: firstWords(text) };
  if (text.trim() !== '' && !all.some((line) => TABLE.test(line))) return { unknown: 'unreadable', detail: firstWords(text) };
  const chains: Chain[] = [];
  let chain: Chain | null = null;
  for (const line of all) {
    if (CHAIN.test(line)) chain = { hook: null, policy: null, rules: 0 };
    else if (line === '}' && chain) {
      chains.push(chain);
      chain = null;
    } else if (chain) {
      const hook = HOOK.exec(line);
      if (hook) [chain.hook, chain.policy] = [hook[1]!, hook[2] ?? null];
      else if (!line.startsWith('#')) chain.rules++;
    }
  }
  const enabled = chains.some((c) => c.hook === 'input' && (c.policy === 'drop' || c.rules > 0));
  return { value: { tool: 'nftables', profiles: [], enabled } };
}
