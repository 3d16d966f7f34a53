import type { Impact, OutboxEntry, SupportState, UrgentAdvice } from '../../contract';

type Desk = Pick<SupportState, 'openNow' | 'phone' | 'emergencyPhone'>;

/**
 * What to tell someone who cannot wait, decided once for the form and for a ticket still waiting:
 * - `emergency`: several colleagues cannot work and the contract has an emergency line (any hour);
 * - `call`: it is urgent and the servicedesk is open now, so a call reaches a person;
 * - `closed`: it is urgent, the servicedesk is closed and there is no emergency line: say so
 *   plainly, and that the ticket is read first when it opens (never "call" a closed desk);
 * - null: nothing to add (the employee can still work).
 */
export function urgentAdvice(desk: Desk, impact: Impact): UrgentAdvice {
  if (impact === 'can-work') return null;
  if (impact === 'several-cannot-work' && desk.emergencyPhone) return 'emergency';
  return desk.openNow && desk.phone ? 'call' : 'closed';
}

/** The advice for each impact, as the form shows it beside the choice. */
export function urgentAdviceByImpact(desk: Desk): SupportState['urgentAdvice'] {
  return {
    'can-work': urgentAdvice(desk, 'can-work'),
    'cannot-work': urgentAdvice(desk, 'cannot-work'),
    'several-cannot-work': urgentAdvice(desk, 'several-cannot-work'),
  };
}

const IMPACT_OF: Record<NonNullable<OutboxEntry['urgency']>, Impact> = {
  low: 'can-work',
  normal: 'can-work',
  high: 'cannot-work',
  critical: 'several-cannot-work',
};

/**
 * For a ticket still waiting to be sent: the servicedesk has not got it, so a call is the way in
 * whenever someone answers; the emergency line when several colleagues cannot work.
 */
export function waitingAdvice(desk: Desk, urgency: OutboxEntry['urgency']): UrgentAdvice {
  const impact = IMPACT_OF[urgency ?? 'normal'];
  if (impact === 'several-cannot-work' && desk.emergencyPhone) return 'emergency';
  return desk.openNow && desk.phone ? 'call' : impact === 'can-work' ? null : 'closed';
}
