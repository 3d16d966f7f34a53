import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language, ScreenshotNote, TicketsState } from '../../../../electron/contract';
import { useSize } from './useSize';

type Shot = NonNullable<NonNullable<TicketsState['report']>['screenshot']>;

/** The screenshot taken when the form opened: what it shows, how big it is, gone in one click. */
export function Screenshot(props: {
  screenshot: Shot | null;
  note: ScreenshotNote | null;
  language: Language;
  removeId: string;
  error: ReactNode;
  onRemove: () => void;
  /** What the picture is, for a screen reader: the report's words unless given. */
  alt?: string;
}) {
  const { screenshot, note, language, removeId, error, onRemove, alt } = props;
  const { t } = useTranslation();
  const size = useSize(language);
  // Only an image the agent made: a data URL of a PNG or JPEG, never a link elsewhere.
  const src = screenshot && /^data:image\/(png|jpeg);base64,[A-Za-z0-9+/=]+$/.test(screenshot.thumbnail) ? screenshot.thumbnail : null;
  return (
    <section className="form-field screenshot" aria-label={t('report.screenshot')}>
      {screenshot ? (
        <>
          <p className="field-label">{t('report.screenshot')}</p>
          <div className="screenshot-row">
            {src && <img className="thumbnail" src={src} alt={alt ?? t('report.screenshotAlt')} />}
            <div className="screenshot-side">
              <p className="muted small">
                {t('report.screenshotSize', { width: screenshot.width, height: screenshot.height, size: size(screenshot.bytes) })}
              </p>
              <button type="button" id={removeId} className="button" onClick={onRemove}>
                {t('report.removeScreenshot')}
              </button>
            </div>
          </div>
        </>
      ) : (
        <p id={removeId} tabIndex={-1} className="muted small" role={note === 'taking' ? 'status' : undefined}>
          {note ? t(`report.screenshotNote.${note}`) : t('report.noScreenshot')}
        </p>
      )}
      {error}
    </section>
  );
}
