import type { SliceStore } from '../../../electron/agent/capability';
import type { HalloApi } from '../../../electron/agent/hallo-api/client';
import { followUpDelay } from '../../../electron/agent/hallo-api/follow-up';
import type { AgentOptions, Clock } from '../../../electron/agent/ports';

/**
 * What the rest of the agent asks of the API when the connection turns online, as a quiet PC
 * enrolled before does it (a list of tickets and hallo,'s upkeep kept from its last run; no ticket
 * waiting in the outbox, no restart outcome or remote audit to send, so the outboxes send nothing):
 * - "Mijn meldingen": GET /tickets once a run, at the first turn to online, after the run's
 *   follow-up delay (tickets/service.ts `listOnce`, tickets/capability.ts);
 * - "Onderhoud": GET /maintenance at the first turn to online, after its own follow-up delay, and
 *   at once after a fetch that failed (maintenance/capability.ts `firstFetch`, `cameOnline`).
 * The delays are drawn by the agent's own hallo-api/follow-up.ts.
 */
export function followAsTheAgentDoes(deps: {
  store: SliceStore<'connection' | 'config'>;
  api: () => HalloApi | null;
  clock: Clock;
  options: AgentOptions;
  random: () => number;
}): void {
  const listDelay = followUpDelay(deps.options, deps.random);
  const maintenanceDelay = followUpDelay(deps.options, deps.random);
  let status = deps.store.get().connection.status;
  let first = true;
  let stale = false;
  const maintenance = () =>
    deps.api()?.maintenance().then(
      () => (stale = false),
      () => (stale = true),
    );
  deps.store.subscribe((patch) => {
    if (!patch.connection) return;
    const now = patch.connection.status;
    const cameOnline = now === 'online' && status !== 'online';
    status = now;
    if (!cameOnline) return;
    if (first) {
      first = false;
      deps.clock.setTimeout(() => void deps.api()?.listTickets().catch(() => undefined), listDelay);
      deps.clock.setTimeout(() => void maintenance(), maintenanceDelay);
    } else if (stale) void maintenance();
  });
}
