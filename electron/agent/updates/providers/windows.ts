import type { PowerShellFailure, PowerShellHost } from '../../platform/powershell-host';
import type { UpdatesProblemCode } from '../../../contract/updates';
import { parseWuaDocument } from '../parse/wua';
import type { UpdatesProblem, UpdatesProvider } from '../types';
import { WINDOWS_UPDATES_SCRIPT } from '../windows-script';

// An offline search reads the local cache: seconds. Two minutes means the agent is stuck.
const WUA_TIMEOUT_MS = 2 * 60_000;
const TOOL = 'Windows Update Agent';

const PROBLEM_OF: Record<PowerShellFailure, UpdatesProblemCode> = {
  timeout: 'timeout',
  died: 'failed',
  'script-error': 'failed',
  stopped: 'failed',
  garbage: 'unreadable',
  'too-large': 'unreadable',
};

/** Windows: one script in the long-lived PowerShell host (shared with later probes). */
export function createWindowsProvider(host: PowerShellHost, now: () => number): UpdatesProvider {
  return {
    id: 'windows',
    async check() {
      const checkedAt = new Date(now()).toISOString();
      const result = await host.run(WINDOWS_UPDATES_SCRIPT, { timeoutMs: WUA_TIMEOUT_MS });
      const fail = (problem: UpdatesProblem) => ({ provider: 'windows' as const, checkedAt, pending: { problem }, restart: { problem }, installed: { problem }, office: { problem } });
      if (!result.ok) return fail({ code: PROBLEM_OF[result.error], tool: TOOL, detail: result.detail });
      const parsed = parseWuaDocument(result.json);
      if ('unreadable' in parsed) return fail({ code: 'unreadable', tool: TOOL, detail: parsed.unreadable });
      const { pending, installed, restart, office } = parsed.value;
      return { provider: 'windows', checkedAt, pending, installed, restart: { value: restart }, office: { value: office } };
    },
  };
}
