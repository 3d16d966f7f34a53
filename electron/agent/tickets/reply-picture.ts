import type { OpenReply } from '../../contract';
import type { Logger } from '../log';
import type { ScreenCapture } from '../ports';
import { fitSoon, fittedView } from './picture-fit';
import type { FittedScreenshot } from './screenshot';

export interface ReplyPictureDeps {
  log: Logger;
  screen: ScreenCapture;
  maxBytes: () => number;
  /** What the reply box shows: the picture, or why there is none. */
  show: (view: Pick<OpenReply, 'screenshot' | 'screenshotNote'>) => void;
}

export interface ReplyPicture {
  /** "Voeg een schermafbeelding toe": taken now, fitted to the policy's limit as the report's is. */
  take(): Promise<void>;
  /** A refused reply's picture, fitted again (the policy may have changed since the 413). */
  restore(png: Uint8Array): void;
  remove(): void;
  /** The box closed or sent: a late capture or fit is dropped. */
  clear(): void;
  /** The picture Send attaches, after any fit still running. */
  picture(): Promise<FittedScreenshot | null>;
}

/** The reply box's screenshot. Each take, remove or clear starts a new generation: a late fit is dropped. */
export function createReplyPicture(deps: ReplyPictureDeps): ReplyPicture {
  const { log } = deps;
  let shot: FittedScreenshot | null = null;
  let fitting: Promise<void> = Promise.resolve();
  let generation = 0;

  function next(): number {
    shot = null;
    return ++generation;
  }

  function fitLater(png: Uint8Array, mine: number): void {
    deps.show({ screenshot: null, screenshotNote: 'taking' });
    fitting = fitSoon(log, png, deps.maxBytes()).then((fitted) => {
      if (mine !== generation) return;
      if (!fitted.ok) log.warn('reply screenshot left out', { reason: fitted.reason });
      shot = fitted.ok ? fitted.value : null;
      deps.show(fittedView(fitted));
    });
  }

  return {
    async take() {
      const mine = next();
      let captured = null;
      try {
        captured = await deps.screen.capture();
      } catch (error) {
        log.warn('screen capture failed', { error: String(error) });
      }
      if (mine !== generation) return;
      if (captured) fitLater(captured.png, mine);
      else deps.show({ screenshot: null, screenshotNote: 'capture-failed' });
    },
    restore(png) {
      fitLater(png, next());
    },
    remove() {
      next();
      deps.show({ screenshot: null, screenshotNote: 'removed' });
    },
    clear: () => void next(),
    async picture() {
      await fitting;
      return shot;
    },
  };
}
