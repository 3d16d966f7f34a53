import type { BrandLink, BrandingState } from '../../contract';
import type { Policy } from '../hallo-api/types';
import { isAllowedExternal, httpsHost } from '../platform/links';

// The policy's branding judged before anything shows (pure, table-tested in
// tests/unit/branding/judge.test.ts). What fails is left out, so hallo,'s own look and links
// stay, and named for admins in `problems`. The logo's bytes are judged when fetched (logo.ts).

export type BrandingProblem = BrandingState['problems'][number];
type PolicyLinks = NonNullable<NonNullable<Policy['branding']>['links']>;

export interface BrandingPlan {
  /** #rrggbb (lower case), or null for hallo,'s own. */
  accentColor: string | null;
  /** The https URL to fetch the logo from, or null for hallo,'s own. */
  logoUrl: string | null;
  links: BrandLink[];
  problems: BrandingProblem[];
}

export interface LinkAllowance {
  /** The policy's portal (support.portalUrl): its host is allowed. */
  portalUrl: string | null | undefined;
  /** The managed configuration's allowedLinkHosts (lower case host names). */
  allowedLinkHosts: readonly string[];
}

/**
 * WCAG 2's minimum for normal text: the accent is the background of buttons with white text
 * (`--on-accent`), so white on it must reach this, or hallo,'s own accent stays.
 */
export const MIN_CONTRAST_WITH_WHITE = 4.5;

export function planBranding(branding: Policy['branding'], allowance: LinkAllowance): BrandingPlan {
  const problems: BrandingProblem[] = [];
  return {
    accentColor: accentOf(branding?.accentColor, problems),
    logoUrl: logoUrlOf(branding?.logoUrl, problems),
    links: linksOf(branding?.links ?? [], allowance, problems),
    problems,
  };
}

function accentOf(color: string | undefined, problems: BrandingProblem[]): string | null {
  if (color === undefined) return null;
  if (!/^#[0-9a-fA-F]{6}$/.test(color)) {
    problems.push({ field: 'branding.accentColor', code: 'accent-invalid', detail: `${clip(color)} is not #rrggbb` });
    return null;
  }
  const contrast = contrastWithWhite(color);
  if (contrast < MIN_CONTRAST_WITH_WHITE) {
    problems.push({
      field: 'branding.accentColor',
      code: 'accent-invalid',
      detail: `white text on ${color} has a contrast of ${contrast.toFixed(2)}:1, below ${MIN_CONTRAST_WITH_WHITE}:1`,
    });
    return null;
  }
  return color.toLowerCase();
}

/** WCAG 2's contrast ratio of white against #rrggbb: (1 + 0.05) / (L + 0.05). */
export function contrastWithWhite(color: string): number {
  const channel = (at: number) => {
    const value = parseInt(color.slice(at, at + 2), 16) / 255;
    return value <= 0.04045 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
  };
  const luminance = 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
  return 1.05 / (luminance + 0.05);
}

function logoUrlOf(url: string | undefined, problems: BrandingProblem[]): string | null {
  if (url === undefined) return null;
  const parsed = parseUrl(url);
  if (!parsed || parsed.protocol !== 'https:' || parsed.username || parsed.password) {
    problems.push({ field: 'branding.logoUrl', code: 'logo-http', detail: `${clip(url)} is not an https URL without credentials` });
    return null;
  }
  return url;
}

function linksOf(links: PolicyLinks, allowance: LinkAllowance, problems: BrandingProblem[]): BrandLink[] {
  const hosts = [...httpsHost(allowance.portalUrl), ...allowance.allowedLinkHosts];
  const kept: BrandLink[] = [];
  links.forEach((link, i) => {
    const field = `branding.links[${i}].url`;
    const parsed = parseUrl(link.url);
    if (!parsed || parsed.protocol !== 'https:' || parsed.username || parsed.password) {
      problems.push({ field, code: 'link-invalid', detail: `${clip(link.url)} is not an https URL without credentials` });
    } else if (kept.some((other) => other.id === link.id)) {
      problems.push({ field: `branding.links[${i}].id`, code: 'link-invalid', detail: `the id ${link.id} is used twice` });
    } else if (!isAllowedExternal(link.url, hosts)) {
      problems.push({ field, code: 'link-not-allowed', detail: `${parsed.hostname} is not hallo,'s, the portal's or in allowedLinkHosts` });
    } else {
      kept.push({ id: link.id, label: { nl: link.label.nl, en: link.label.en }, url: link.url, where: link.where ?? 'both' });
    }
  });
  return kept;
}

function parseUrl(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** Enough of a bad value for an admin to recognise it; the state's detail is at most 500 characters. */
function clip(value: string): string {
  return value.length > 200 ? `${value.slice(0, 200)}…` : value;
}
