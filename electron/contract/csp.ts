// Kept free of zod and of Node: the shell, the preview host and the build read it.

/**
 * The one Content-Security-Policy of the popup, sent by the app:// protocol (electron/main) and by
 * the preview's static server, and put in the built page's <meta>. No 'unsafe-inline' anywhere
 * (the renderer sets no inline styles or scripts). 'self' in connect-src also covers the preview
 * bridge's ws:// on the same host and port. The capture page (the view engine) needs nothing more:
 * RTCPeerConnection, getDisplayMedia and a canvas's captureStream are not governed by these
 * directives (tests/integration/view-engine.test.ts streams under this very policy).
 */
const DIRECTIVES = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
] as const;

export const CONTENT_SECURITY_POLICY = DIRECTIVES.join('; ');

/** The same policy for a <meta> element, where browsers ignore frame-ancestors (and warn about it). */
export const META_CONTENT_SECURITY_POLICY = DIRECTIVES.filter((d) => !d.startsWith('frame-ancestors')).join('; ');
