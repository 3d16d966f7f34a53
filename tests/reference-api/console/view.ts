import type { components } from '../../../electron/agent/hallo-api/openapi';

// What the technician's console says about a session, from the portal's view of it (pure, so
// that tests/unit/reference-api/console-view.test.ts holds it; the page only renders it).

type SessionView = components['schemas']['PortalRemoteSessionView'];

/** `data-state` on the console's status line: the session's state, `live` once frames arrive. */
export type ConsoleState = SessionView['state'] | 'live';

const BY: Record<NonNullable<SessionView['ended']>['by'], string> = {
  user: 'door de gebruiker',
  technician: 'door de technicus',
  timeout: 'na de maximale duur',
  agent: 'door de agent',
};

const REASONS: Partial<Record<NonNullable<NonNullable<SessionView['ended']>['reason']>, string>> = {
  'connection-lost': 'verbinding verbroken',
  'capture-failed': 'scherm kon niet gedeeld worden',
  'agent-stopped': 'de agent stopte',
  // `ended` and `cancelled` (the technician's own end) say nothing more than who ended it.
};

/** "14:32" in the given time zone (the technician's browser's own by default). */
export function clock(iso: string, timeZone?: string): string {
  return new Intl.DateTimeFormat('nl-NL', { hour: '2-digit', minute: '2-digit', ...(timeZone ? { timeZone } : {}) }).format(new Date(iso));
}

export function describeSession(session: SessionView, opts: { frames: number; timeZone?: string }): { state: ConsoleState; text: string; over: boolean } {
  switch (session.state) {
    case 'pending':
      return { state: 'pending', text: 'Wacht op toestemming', over: false };
    case 'granted':
      return { state: 'granted', text: 'Toestemming gegeven, verbinden…', over: false };
    case 'running':
      return opts.frames > 0 ? { state: 'live', text: 'Live', over: false } : { state: 'running', text: 'Verbinden…', over: false };
    case 'denied':
      return { state: 'denied', text: session.consent?.reason === 'not-requested' ? 'Geweigerd: de gebruiker had hier niet om gevraagd' : 'Geweigerd', over: true };
    case 'expired':
      return { state: 'expired', text: 'Verlopen: geen antwoord', over: true };
    case 'cancelled':
      return { state: 'cancelled', text: 'Ingetrokken', over: true };
    case 'ended': {
      const ended = session.ended;
      if (!ended) return { state: 'ended', text: 'Beëindigd', over: true };
      const why = ended.reason ? REASONS[ended.reason] : undefined;
      return { state: 'ended', text: `Beëindigd ${BY[ended.by]} om ${clock(ended.at, opts.timeZone)}${why ? ` (${why})` : ''}`, over: true };
    }
  }
}
