import type { Agent } from '../agent';

/**
 * "Bekijk melding" in the consent window: opens the pending request's ticket in "Mijn meldingen"
 * (the popup shows the open thread). The ticket comes from the agent's own state, never from the
 * page. False when there is no request or its ticket is not one of this PC's.
 */
export async function openRequestTicket(agent: Agent): Promise<boolean> {
  const ticketId = agent.state().remote.request?.ticketId;
  if (!ticketId) return false;
  await agent.invoke('tickets.openThread', { ticketId });
  return true;
}
