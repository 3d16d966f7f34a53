import { useTranslation } from 'react-i18next';
import type { Language, SupportState } from '../../../electron/contract';
import { describeWhen, telHref } from '../format';
import { Glyph } from './Icons';

/** How to reach the servicedesk, and whether anyone is there right now. */
export function SupportCard(props: { support: SupportState; language: Language; now: Date; onPortal: () => void }) {
  const { support, language, now, onPortal } = props;
  const { t } = useTranslation();
  // Until the first policy arrives there is nothing to call, and "closed" would be a guess.
  const configured = support.phone !== '' || support.email !== '';
  const when = describeWhen(support.nextChangeAt, now, support.timeZone, language);
  const status = support.openNow
    ? when?.key === 'when.today'
      ? t('support.openNowUntil', { time: when.params.time })
      : t('support.openNow')
    : when
      ? t('support.closedUntil', { when: t(when.key, when.params) })
      : t('support.closed');

  return (
    <section className="card support" aria-labelledby="support-title">
      <div className="support-head">
        <h2 id="support-title">{t('support.title')}</h2>
        {configured && (
          <p className={`support-status ${support.openNow ? 'is-open' : 'is-closed'}`}>
            <span className="dot" aria-hidden="true" />
            {status}
          </p>
        )}
      </div>
      {configured ? (
        <ul className="contact">
          {support.phone && (
            <li>
              <a href={telHref(support.phone)}>
                <Glyph name="phone" />
                {t('support.phone', { phone: support.phone })}
              </a>
            </li>
          )}
          {support.email && (
            <li>
              <a href={`mailto:${encodeURIComponent(support.email).replace('%40', '@')}`}>
                <Glyph name="mail" />
                {t('support.email', { email: support.email })}
              </a>
            </li>
          )}
          {support.emergencyPhone && (
            <li>
              <a href={telHref(support.emergencyPhone)}>
                <Glyph name="phone" />
                {t('support.emergency', { phone: support.emergencyPhone })}
              </a>
            </li>
          )}
        </ul>
      ) : (
        <p className="muted">{t('support.notConfigured')}</p>
      )}
      {support.portalUrl && (
        <button type="button" className="button accent" onClick={onPortal}>
          <Glyph name="portal" />
          {t('support.portal')}
        </button>
      )}
    </section>
  );
}
