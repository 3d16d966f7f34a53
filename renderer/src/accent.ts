import { useLayoutEffect, type RefObject } from 'react';

/**
 * The customer's accent (state.branding.accentColor: #rrggbb with white text on it at 4.5:1 or
 * more, judged by the agent) as `--brand-accent` on the popup's root, through the CSSOM: the CSP
 * allows no `style=`. styles.css `.branded` uses it for the accent buttons, chips and badges (white
 * text on it, in light and dark); link text and the focus ring keep hallo,'s own colours, which
 * are chosen for each theme's background. Null: hallo,'s own accent.
 */
export function useAccent(root: RefObject<HTMLElement | null>, accentColor: string | null | undefined): void {
  useLayoutEffect(() => {
    const element = root.current;
    if (!element) return;
    if (accentColor) element.style.setProperty('--brand-accent', accentColor);
    else element.style.removeProperty('--brand-accent');
  }, [root, accentColor]);
}
