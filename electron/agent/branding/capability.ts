import type { BrandingState } from '../../contract';
import { defineCapability } from '../capability';

export const INITIAL_BRANDING: BrandingState = { accentColor: null, logo: null, links: [], problems: [] };

/** The customer's accent colour, logo and links from Policy.branding, validated and cached. SKELETON (issue 14). */
export const brandingCapability = defineCapability({
  name: 'branding',
  slices: ['branding'],
  initial: () => ({ branding: INITIAL_BRANDING }),
  create() {
    return { actions: {} };
  },
});
