import { useTranslation } from 'react-i18next';
import type { Impact, Language, SupportState } from '../../../../electron/contract';
import { describeWhen, telHref } from '../../format';
import { Glyph } from '../Icons';

/**
 * Who reads the ticket, and when: open now, or when the servicedesk opens again (never for 24x7);
 * and, when it cannot wait, the agent's advice for this impact (emergency line first).
 */
export function DeskLine(props: { support: SupportState; impact: Impact; language: Language; now: Date }) {
  const { support, impact, language, now } = props;
  const { t } = useTranslation();
  const when = describeWhen(support.nextChangeAt, now, support.timeZone, language);
  const line =
    support.slaTier === '24x7'
      ? t('desk.always')
      : support.openNow
        ? t('desk.openNow')
        : when
          ? t('desk.closedUntil', { when: t(when.key, when.params) })
          : t('desk.closed');
  const advice = support.urgentAdvice[impact];
  const emergency = advice === 'emergency' ? support.emergencyPhone : null;
  return (
    <div className="desk-line">
      {emergency && (
        <div className="emergency" role="alert">
          <a className="emergency-call" href={telHref(emergency)}>
            <Glyph name="phone" />
            {t('desk.emergency', { phone: emergency })}
          </a>
          <p className="small">{t('desk.emergencyHint')}</p>
        </div>
      )}
      {advice === 'call' && (
        <p className="small">
          <a href={telHref(support.phone)}>{t('desk.urgentCall', { phone: support.phone })}</a>
        </p>
      )}
      {advice === 'closed' && <p className="small">{t('desk.urgentClosed')}</p>}
      <p className={`support-status ${support.openNow || support.slaTier === '24x7' ? 'is-open' : 'is-closed'}`}>
        <span className="dot" aria-hidden="true" />
        {line}
      </p>
    </div>
  );
}
