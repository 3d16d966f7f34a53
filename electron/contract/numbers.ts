import type { Language } from './when';
import type { SizeUnits } from './sizes';
import { LOCALE } from './when';
import { gigabytes, sizeParts } from './sizes';

// Numbers and sizes in words for a language: "4,2 GB" in Dutch, "4.2 GB" in English. The popup
// (renderer/src/format.ts) and the health report (agent/report/) say them the same way.

// Making an Intl formatter costs far more than using one (a conversation of 200 messages formats
// hundreds of times, `npm run bench` threadRenderMs): the few kinds used per item are made once.
export type Formatter = Intl.NumberFormat | Intl.DateTimeFormat | Intl.RelativeTimeFormat;
const formatters = new Map<string, Formatter>();
export function formatter<F extends Formatter>(key: string, make: () => F): F {
  let made = formatters.get(key) as F | undefined;
  if (!made) formatters.set(key, (made = make()));
  return made;
}

export function formatNumber(value: number, language: Language, maxFractionDigits = 1): string {
  return formatter(`n:${language}:${maxFractionDigits}`, () => new Intl.NumberFormat(LOCALE[language], { maximumFractionDigits: maxFractionDigits })).format(value);
}

/** Bytes as the GB figure the agent's checklist shows too: `units` is the agent's `state.app.sizeUnits`. */
export function formatGb(bytes: number, units: SizeUnits, language: Language): string {
  return formatNumber(gigabytes(bytes, units), language, 1);
}

/** Bytes as the catalog's size words (`size.gb`, `size.mb`, ...), counted as the PC's file manager does. */
export function sizeText(bytes: number, units: SizeUnits, language: Language): { key: `size.${string}`; params: { value: string } } {
  const { unit, value } = sizeParts(bytes, units);
  return { key: `size.${unit}`, params: { value: formatNumber(value, language, 1) } };
}

/** Message parameters as they should read in `language`: numbers localised, the rest as text. */
export function localizeParams(
  params: Record<string, string | number | boolean>,
  language: Language,
): Record<string, string> {
  return Object.fromEntries(
    Object.entries(params).map(([key, value]) => [key, typeof value === 'number' ? formatNumber(value, language) : String(value)]),
  );
}

