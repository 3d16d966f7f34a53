import type { SelfUpdateErrorCode } from '../../contract';

/** How an AppUpdater (the shell's, the preview's) says what went wrong: the code the admin is told. */
export class SelfUpdateError extends Error {
  constructor(
    readonly code: SelfUpdateErrorCode,
    detail?: string,
  ) {
    super(detail ?? code);
    this.name = 'SelfUpdateError';
  }
}
