import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Notice } from '../../../electron/contract';
import { NOTICE_ACTIONS, type NoticeAction } from '../../../electron/contract/notice-actions';
import type { PopupBridge } from '../bridge/types';
import { hasText } from '../i18n';

// A few at a time, as an OS keeps a few on screen; older ones give way.
const SHOWN = 3;

interface Shown {
  key: number;
  notice: Notice;
}

/**
 * The preview's stand-in for the OS notifications the app's shell shows (`electron/main/notices.ts`):
 * the same words from the catalog, filled as the shell fills them (a ticket number is no amount:
 * 10001, not 10.001), the notice's action ("Beantwoorden") opening its ticket as a
 * click on the real one does, and a notice's buttons (`actions`) sending their intents. Mounted outside the popup, only where the bridge carries notices.
 */
export function PreviewNotices({ bridge, onNotice }: { bridge: PopupBridge; onNotice: NonNullable<PopupBridge['onNotice']> }) {
  const { t, i18n } = useTranslation();
  const [shown, setShown] = useState<Shown[]>([]);
  useEffect(() => {
    let next = 0;
    return onNotice((notice) => {
      // A code without words is not shown, as the shell does not show it either.
      if (!hasText(i18n, `notice.${notice.code}.title`)) return;
      setShown((list) => [{ key: next++, notice }, ...list].slice(0, SHOWN));
    });
  }, [onNotice, i18n]);

  const dismiss = (key: number) => setShown((list) => list.filter((entry) => entry.key !== key));
  // A notice's buttons (the restart's "Nu opnieuw opstarten", "Later") send the restart window's own intents.
  const answer = (entry: Shown, action: NoticeAction) => {
    dismiss(entry.key);
    void bridge.actions[NOTICE_ACTIONS[action]]({}).catch(() => undefined);
  };
  const open = (entry: Shown) => {
    dismiss(entry.key);
    const { ticketId } = entry.notice;
    if (ticketId) void bridge.actions['tickets.openThread']({ ticketId }).catch(() => undefined);
  };

  return (
    <section className="preview-notices" aria-label={t('previewNotice.label')} aria-live="polite">
      {shown.map((entry) => {
        const { code, params, ticketId, actions = [] } = entry.notice;
        const action = ticketId && hasText(i18n, `notice.${code}.action`) ? t(`notice.${code}.action`) : null;
        return (
          <div key={entry.key} className="preview-notice">
            <p className="preview-notice-label">{t('previewNotice.label')}</p>
            <p className="preview-notice-title">{t(`notice.${code}.title`, params)}</p>
            {hasText(i18n, `notice.${code}.body`) && <p>{t(`notice.${code}.body`, params)}</p>}
            <div className="preview-notice-actions">
              {actions.map((noticeAction, index) => (
                <button key={noticeAction} type="button" className={`button ${index === 0 ? 'accent' : 'subtle'}`} onClick={() => answer(entry, noticeAction)}>
                  {t(`noticeAction.${noticeAction}`)}
                </button>
              ))}
              {action && (
                <button type="button" className="button accent" onClick={() => open(entry)}>
                  {action}
                </button>
              )}
              <button type="button" className="button subtle" onClick={() => dismiss(entry.key)}>
                {t('previewNotice.dismiss')}
              </button>
            </div>
          </div>
        );
      })}
    </section>
  );
}
