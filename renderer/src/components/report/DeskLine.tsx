import { useTranslation } from 'react-i18next';
import type { Impact, Language, SupportState } from '../../../../electron/contract';
import { describeWhen, telHref } from '../../format';
import { urgentCall } from '../../report';
import { Glyph } from '../Icons';

/**
 * Who reads the ticket, and when: open now, or when the servicedesk opens again (never for 24x7).
 * When several colleagues cannot work: the emergency line first; without one, the servicedesk
 * while it is open; out of hours with neither, what happens and whom to ask meanwhile.
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
  const several = impact === 'several-cannot-work';
  const call = several ? urgentCall(support, true) : null;
  return (
    <div className="desk-line">
      {call && call.kind !== 'none' && (
        <div className="emergency" role="alert">
          <a className="emergency-call" href={telHref(call.phone)}>
            <Glyph name="phone" />
            {t(call.kind === 'emergency' ? 'desk.emergency' : 'desk.callDesk', { phone: call.phone })}
          </a>
          <p className="small">{t('desk.emergencyHint')}</p>
        </div>
      )}
      {call?.kind === 'none' && (
        <p className="emergency small" role="alert">
          {t('desk.noEmergency')}
        </p>
      )}
      <p className={`support-status ${support.openNow || support.slaTier === '24x7' ? 'is-open' : 'is-closed'}`}>
        <span className="dot" aria-hidden="true" />
        {line}
      </p>
    </div>
  );
}
