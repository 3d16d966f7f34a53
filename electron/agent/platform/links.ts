// Which links may leave the app for the user's browser: one rule for the shell and the preview.
import { ActionError, type BrandLink } from '../../contract';

/** hallo,'s own domains are always allowed; the policy's portal host is added at call time. */
const HALLO_DOMAIN = 'hallo.eu';

export function isAllowedExternal(url: string, extraHosts: readonly string[]): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol !== 'https:' || parsed.username || parsed.password) return false;
  const host = parsed.hostname.toLowerCase();
  if (host === HALLO_DOMAIN || host.endsWith(`.${HALLO_DOMAIN}`)) return true;
  return extraHosts.some((allowed) => allowed.toLowerCase() === host);
}

/** The host of an https URL (the policy's portal, a customer's link), else none. */
export function httpsHost(url: string | null | undefined): string[] {
  if (!url) return [];
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' ? [parsed.hostname] : [];
  } catch {
    return [];
  }
}

/** The policy's portal, once the allow-list has passed it: what the shell (or the preview's page) opens. */
export function portalToOpen(portalUrl: string | null): string {
  if (!portalUrl) throw new ActionError('unavailable', 'no portal in the policy');
  if (!isAllowedExternal(portalUrl, httpsHost(portalUrl))) throw new ActionError('forbidden', 'portal URL not allowed');
  return portalUrl;
}

/**
 * A customer's link from state.branding.links, by id: the page names only the id, and the branding
 * capability has already passed each URL through `isAllowedExternal` with the managed allow-list.
 */
export function brandLinkToOpen(links: readonly BrandLink[], id: string): string {
  const link = links.find((candidate) => candidate.id === id);
  if (!link) throw new ActionError('unavailable', `no link ${id} in the policy`);
  return link.url;
}
