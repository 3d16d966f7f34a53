type T = (key: string, params?: Record<string, unknown>) => string;

/** The time left to answer as a screen reader should say it: whole minutes, or seconds near the end. */
export function spokenSeconds(seconds: number, t: T): string {
  return seconds >= 60 ? t('duration.minutes', { count: Math.round(seconds / 60) }) : t('consent.seconds', { count: seconds });
}
