import { openReport, type OpenReport, type TicketsState } from '../../contract';
import type { Logger } from '../log';
import type { ScreenCapture } from '../ports';
import { fitSoon, fittedView } from './picture-fit';
import type { FittedScreenshot } from './screenshot';

export interface ReportFormDeps {
  log: Logger;
  screen: ScreenCapture;
  state: () => TicketsState;
  patch: (value: Partial<TicketsState>) => void;
  /** A report was opened: the process list is started for Send. */
  onOpen: () => void;
}

export interface ReportForm {
  /** Takes the screenshot and opens the form; the picture is fitted after it answers. */
  open(relatedItemId: string | null): Promise<void>;
  /** Opens the form on a refused ticket: its draft, its problems, its picture fitted again. */
  reopen(report: Omit<OpenReport, 'screenshot' | 'screenshotNote'>, picture: Uint8Array | null, includeScreenshot: boolean): void;
  /** Closed (sent or cancelled): its picture and preview go; a late fit or capture is ignored. */
  close(): void;
  removeScreenshot(): void;
  /** The picture Send attaches, after any fit still running. */
  picture(): Promise<FittedScreenshot | null>;
  /** Anything that changes what Send would send (the picture): the preview must be made again. */
  onChange(listener: () => void): void;
}

/**
 * The report being written: the screenshot taken before the form covers the screen, fitted to the
 * policy's limit after the form is open (a 4K screen takes a second or two), and each reason there
 * is none. Every open and close starts a new generation, so a late fit or capture is dropped.
 */
export function createReportForm(deps: ReportFormDeps): ReportForm {
  const { log } = deps;
  let shot: FittedScreenshot | null = null;
  let fitting: Promise<void> = Promise.resolve();
  let generation = 0;
  let changed: () => void = () => undefined;

  const patchReport = (value: Partial<OpenReport>) => {
    const report = deps.state().report;
    if (report) deps.patch({ report: { ...report, ...value } });
  };
  function fitLater(png: Uint8Array, mine: number, context: Record<string, unknown>): void {
    fitting = fitSoon(log, png, deps.state().maxAttachmentBytes).then((fitted) => {
      if (mine !== generation) return; // cancelled or opened again meanwhile
      if (!fitted.ok) log.warn('screenshot left out', { reason: fitted.reason, ...context });
      shot = fitted.ok ? fitted.value : null;
      changed();
      patchReport(fittedView(fitted));
    });
  }

  function close(): number {
    shot = null;
    changed();
    return ++generation;
  }

  function begin(): number {
    deps.onOpen();
    return close();
  }

  return {
    async open(relatedItemId) {
      const mine = begin();
      let captured = null;
      try {
        captured = await deps.screen.capture();
      } catch (error) {
        log.warn('screen capture failed', { error: String(error) });
      }
      if (mine !== generation) return; // cancelled or opened again meanwhile
      deps.patch({ report: openReport({ relatedItemId, screenshotNote: captured ? 'taking' : 'capture-failed' }) });
      if (captured) fitLater(captured.png, mine, { width: captured.width, height: captured.height });
    },
    reopen(report, picture, includeScreenshot) {
      const mine = begin();
      deps.patch({ report: { ...report, screenshot: null, screenshotNote: picture ? 'taking' : includeScreenshot ? 'removed' : null } });
      // The picture it had, fitted again: a 413 may have come from a policy that has since changed.
      if (picture) fitLater(picture, mine, { reopened: report.replaces });
    },
    close: () => void close(),
    removeScreenshot() {
      shot = null;
      changed();
      patchReport({ screenshot: null, screenshotNote: 'removed' });
    },
    async picture() {
      await fitting;
      return shot;
    },
    onChange(listener) {
      changed = listener;
    },
  };
}
