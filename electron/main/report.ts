import type { Agent } from '../agent/agent';

/**
 * "Meld een probleem" from outside the popup (tray menu, global shortcut). The agent takes the
 * screenshot inside startReport, so it runs before the popup shows and covers the screen.
 */
export async function openReport(agent: Agent, popup: { show(): void }): Promise<void> {
  try {
    await agent.invoke('tickets.startReport', { relatedItemId: null });
  } catch (error) {
    // The popup still opens: the employee sees the status and can try again from there.
    agent.log.warn('report: could not start the report', { error: String(error) });
  }
  popup.show();
}
