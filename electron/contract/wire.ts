// Kept free of zod: the page reads it too.

/**
 * The preview's WebSocket (`WireEvent`) also carries the agent's notices, a `Notice` as payload:
 * a browser shows no OS notifications, so the page shows a stand-in. Never an event of the app's IPC.
 */
export const PREVIEW_NOTICE_EVENT = 'notice';
