// Ticket values the agent and the popup must agree on; zod-free, so the renderer may import it.

/**
 * The category a ticket goes out with when the employee picks none. The form shows it as chosen
 * from the start, so that what is sent is what was shown.
 */
export const FALLBACK_CATEGORY = 'other';
