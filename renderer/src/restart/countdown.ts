// The final countdown's figures, pure: the clock the employee sees and the moments a screen
// reader hears it. Announcing each second would drown out everything else; each whole minute
// and the last 30 and 10 seconds are enough to act on.

/** Whole seconds left until `endsAt` (never below 0). */
export function secondsLeft(endsAt: string, now: Date): number {
  const ms = new Date(endsAt).getTime() - now.getTime();
  return Number.isFinite(ms) ? Math.max(0, Math.ceil(ms / 1000)) : 0;
}

/** mm:ss, as the window shows it. */
export function clockText(seconds: number): string {
  const minutes = Math.floor(seconds / 60);
  return `${String(minutes).padStart(2, '0')}:${String(seconds % 60).padStart(2, '0')}`;
}

/** Whether a screen reader should hear the time left now. */
export function announceAt(seconds: number): boolean {
  return seconds > 0 && (seconds % 60 === 0 || seconds === 30 || seconds === 10);
}
