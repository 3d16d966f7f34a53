/** The renderer's own origin: the app:// scheme registered in protocol.ts. */
export const APP_ORIGIN = 'app://hallo';
export const APP_ENTRY = `${APP_ORIGIN}/index.html`;

/** A window's page (e.g. `restart.html`): from the dev server in development, else from app://. */
export function pageUrl(page: string, opts: { isPackaged: boolean; devUrl?: string | undefined }): string {
  return !opts.isPackaged && opts.devUrl ? new URL(page, opts.devUrl).toString() : `${APP_ORIGIN}/${page}`;
}

/**
 * scheme://host of a URL, or null. Node's URL gives `null` as the origin of non-special schemes
 * such as app:, so it is built from the parts.
 */
export function originOf(url: string): string | null {
  try {
    const parsed = new URL(url);
    return parsed.host ? `${parsed.protocol}//${parsed.host}` : null;
  } catch {
    return null;
  }
}

/** Origins our windows may load and talk from: app://hallo, plus the dev server in development. */
export function trustedOrigins(opts: { isPackaged: boolean; devUrl?: string | undefined }): string[] {
  const dev = !opts.isPackaged && opts.devUrl ? originOf(opts.devUrl) : null;
  return dev ? [APP_ORIGIN, dev] : [APP_ORIGIN];
}
