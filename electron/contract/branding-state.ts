import { z } from 'zod';

// The branding capability's slice (electron/agent/branding/): the customer's own accent colour,
// logo and links from the policy (Policy.branding), validated by the agent. Anything that fails
// is left out (hallo,'s own look and links stay) and named for admins in `problems`.

/** Where a customer's link shows: in the popup's footer, in the tray menu, or both. */
export const BRAND_LINK_PLACES = ['popup', 'tray', 'both'] as const;

export const BrandLink = z.object({
  /** The policy's id: what `links.open` names (the page never hands the shell a URL). */
  id: z.string().max(40),
  label: z.object({ nl: z.string().max(60), en: z.string().max(60) }),
  /** https, allow-listed (see electron/agent/branding/README or the agent README). */
  url: z.string().max(2048),
  where: z.enum(BRAND_LINK_PLACES),
});
export type BrandLink = z.infer<typeof BrandLink>;

/**
 * - logo-http: not https
 * - logo-too-large: over the byte or pixel limit
 * - logo-not-image: not a PNG, JPEG or WebP by its bytes
 * - logo-unreachable: could not be fetched (the cached one stays, if any)
 * - accent-invalid: not #rrggbb, or too little contrast with white text
 * - link-invalid: not an https URL (or with credentials)
 * - link-not-allowed: its host is not on the allow-list
 */
export const BRANDING_PROBLEMS = [
  'logo-http',
  'logo-too-large',
  'logo-not-image',
  'logo-unreachable',
  'accent-invalid',
  'link-invalid',
  'link-not-allowed',
] as const;

export const BrandingState = z.object({
  /** #rrggbb, or null for hallo,'s own. */
  accentColor: z.string().max(7).nullable(),
  /** The cached logo as a data: URL (image/png, image/jpeg, image/webp), or null for hallo,'s own. */
  logo: z.object({ dataUrl: z.string(), width: z.number().int(), height: z.number().int() }).nullable(),
  links: z.array(BrandLink),
  problems: z.array(z.object({ field: z.string().max(100), code: z.enum(BRANDING_PROBLEMS), detail: z.string().max(500) })),
});
export type BrandingState = z.infer<typeof BrandingState>;
