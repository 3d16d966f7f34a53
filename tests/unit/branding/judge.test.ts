import { describe, expect, it } from 'vitest';
import { contrastWithWhite, planBranding, type LinkAllowance } from '../../../electron/agent/branding/judge';
import type { Policy } from '../../../electron/agent/hallo-api/types';

// The policy's branding judged before anything shows: what fails is left out (hallo,'s own look
// stays) and named for admins.

const PORTAL = 'https://portal.acme.nl/hallo';
const allowance: LinkAllowance = { portalUrl: PORTAL, allowedLinkHosts: ['intranet.acme.nl'] };
type Branding = NonNullable<Policy['branding']>;
const link = (url: string, id = 'intranet') => ({ id, label: { nl: 'Intranet', en: 'Intranet' }, url, where: 'both' as const });
const judged = (branding: Branding, over: Partial<LinkAllowance> = {}) => planBranding(branding, { ...allowance, ...over });
const codes = (branding: Branding, over: Partial<LinkAllowance> = {}) => judged(branding, over).problems.map((p) => `${p.field}: ${p.code}`);

describe('branding from the policy', () => {
  it('takes a valid accent, logo URL and allowed links as they are', () => {
    expect(
      judged({
        accentColor: '#0B5CAD',
        logoUrl: 'https://cdn.acme.nl/logo.png',
        links: [link('https://intranet.acme.nl/'), { ...link('https://mijn.hallo.eu/kb', 'kb'), where: 'tray' }],
      }),
    ).toEqual({
      accentColor: '#0b5cad',
      logoUrl: 'https://cdn.acme.nl/logo.png',
      links: [link('https://intranet.acme.nl/'), { ...link('https://mijn.hallo.eu/kb', 'kb'), where: 'tray' }],
      problems: [],
    });
  });

  it('no branding: hallo,’s own look, nothing to tell', () => {
    expect(planBranding(undefined, allowance)).toEqual({ accentColor: null, logoUrl: null, links: [], problems: [] });
  });

  it.each([
    ['a logo on http', { logoUrl: 'http://cdn.acme.nl/logo.png' }, 'branding.logoUrl: logo-http'],
    ['a logo with credentials', { logoUrl: 'https://user:pw@cdn.acme.nl/logo.png' }, 'branding.logoUrl: logo-http'],
    ['a logo that is no URL', { logoUrl: 'logo.png' }, 'branding.logoUrl: logo-http'],
    ['a colour that is not #rrggbb', { accentColor: 'blue' }, 'branding.accentColor: accent-invalid'],
    ['a colour white text cannot be read on', { accentColor: '#ffd700' }, 'branding.accentColor: accent-invalid'],
    ['a link on http', { links: [link('http://intranet.acme.nl/')] }, 'branding.links[0].url: link-invalid'],
    ['a link with credentials', { links: [link('https://me:secret@intranet.acme.nl/')] }, 'branding.links[0].url: link-invalid'],
    ['a javascript: link', { links: [link('javascript:alert(1)')] }, 'branding.links[0].url: link-invalid'],
    ['a link to a host not allowed', { links: [link('https://evil.example/')] }, 'branding.links[0].url: link-not-allowed'],
    ['a link to a look-alike of hallo,', { links: [link('https://hallo.eu.evil.example/')] }, 'branding.links[0].url: link-not-allowed'],
    ['the same id twice', { links: [link('https://intranet.acme.nl/'), link('https://intranet.acme.nl/b')] }, 'branding.links[1].id: link-invalid'],
  ] as [string, Branding, string][])('%s: left out, and the admin told', (_, branding, problem) => {
    const plan = judged(branding);
    expect(codes(branding)).toEqual([problem]);
    expect(plan.accentColor).toBeNull();
    expect(plan.logoUrl).toBeNull();
    expect(plan.links.map((l) => l.url)).toEqual(branding.links?.length === 2 ? ['https://intranet.acme.nl/'] : []);
  });

  it('a link host is allowed by the managed allowedLinkHosts, the portal’s host or hallo,’s own, nothing else', () => {
    const branding = { links: [link('https://intranet.acme.nl/', 'a'), link('https://portal.acme.nl/x', 'b'), link('https://status.hallo.eu/', 'c')] };
    expect(judged(branding).links.map((l) => l.id)).toEqual(['a', 'b', 'c']);
    expect(codes(branding, { allowedLinkHosts: [] })).toEqual(['branding.links[0].url: link-not-allowed']);
    expect(codes(branding, { portalUrl: null })).toEqual(['branding.links[1].url: link-not-allowed']);
  });

  it('says why a colour was refused: its contrast with white text', () => {
    const [problem] = judged({ accentColor: '#ffd700' }).problems;
    expect(problem!.detail).toBe('white text on #ffd700 has a contrast of 1.40:1, below 4.5:1');
  });

  it('contrast with white by WCAG 2: black 21:1, white 1:1, hallo,’s own accent well above 4.5:1', () => {
    expect(contrastWithWhite('#000000')).toBeCloseTo(21, 5);
    expect(contrastWithWhite('#ffffff')).toBeCloseTo(1, 5);
    expect(contrastWithWhite('#4b2bbd')).toBeGreaterThan(7);
    // Just either side of the line: #767676 is the lightest grey with 4.5:1 on white.
    expect(contrastWithWhite('#767676')).toBeGreaterThanOrEqual(4.5);
    expect(contrastWithWhite('#777777')).toBeLessThan(4.5);
    expect(judged({ accentColor: '#767676' }).accentColor).toBe('#767676');
    expect(judged({ accentColor: '#777777' }).accentColor).toBeNull();
  });
});
