import type { OpenReply } from '../../contract';
import type { Logger } from '../log';
import { fitScreenshot, type FitResult, type FittedScreenshot } from './screenshot';

// Fitting a screenshot to the policy's limit, for the report form and the reply box alike.

/** Fitted after the current turn (a 4K screen takes a second or two); a failure is never a reason for Send to fail. */
export function fitSoon(log: Logger, png: Uint8Array, maxBytes: number): Promise<FitResult> {
  const fit = async (): Promise<FitResult> => {
    try {
      return await fitScreenshot(png, maxBytes);
    } catch (error) {
      log.error('screenshot could not be fitted', { error: String(error) });
      return { ok: false, reason: 'unreadable' };
    }
  };
  return new Promise<FitResult>((done) => setImmediate(() => done(fit())));
}

/** The form's view of a fitted picture: its thumbnail and size. */
export const screenshotInfo = (fitted: FittedScreenshot): NonNullable<OpenReply['screenshot']> => ({ thumbnail: fitted.thumbnail, width: fitted.width, height: fitted.height, bytes: fitted.png.length });

/** What the form shows for a fit: the picture, or why there is none. */
export const fittedView = (fitted: FitResult) =>
  fitted.ok ? { screenshot: screenshotInfo(fitted.value), screenshotNote: null } : { screenshot: null, screenshotNote: fitted.reason === 'too-large' ? ('too-large' as const) : ('unreadable' as const) };
