import { useTranslation } from 'react-i18next';
import type { Language, StatusItem } from '../../../electron/contract';
import { localizeParams } from '../format';
import { hasText } from '../i18n';
import { itemMessage } from '../messages';
import { Chevron, StateIcon } from './Icons';

const ORDER = { problem: 0, attention: 1, unknown: 2, ok: 3 } as const;

function CheckItem(props: { item: StatusItem; language: Language; withAdvice: boolean; onReport?: (itemId: string) => void }) {
  const { item, language, withAdvice, onReport } = props;
  const { t, i18n } = useTranslation();
  const message = itemMessage(item, (key) => hasText(i18n, key));
  const params = localizeParams(message.params, language);
  return (
    <li className={`check check-${item.severity}`}>
      <StateIcon kind={item.severity} size={16} />
      <div className="check-body">
        <p className="check-text">
          <span className="visually-hidden">{t(`severity.${item.severity}`)}: </span>
          {t(message.text, params)}
        </p>
        {withAdvice && <p className="check-advice">{t(message.advice, params)}</p>}
        {onReport && (
          <button
            type="button"
            className="button subtle report-item"
            aria-label={t('report.reportItemLabel', { item: t(message.text, params) })}
            onClick={() => onReport(item.id)}
          >
            {t('report.reportItem')}
          </button>
        )}
      </div>
    </li>
  );
}

/** What needs doing first, worst on top, each with "Meld dit"; everything that is fine folded into one line. */
export function Checks({ items, language, onReport }: { items: StatusItem[]; language: Language; onReport?: (itemId: string) => void }) {
  const { t } = useTranslation();
  const sorted = [...items].sort((a, b) => (ORDER[a.severity] ?? 9) - (ORDER[b.severity] ?? 9));
  const notOk = sorted.filter((item) => item.severity !== 'ok');
  const ok = sorted.filter((item) => item.severity === 'ok');
  return (
    <section className="checks" aria-labelledby="checks-title">
      <h2 id="checks-title" className="visually-hidden">
        {t('checks.title')}
      </h2>
      {items.length === 0 && <p className="muted">{t('checks.none')}</p>}
      {notOk.length > 0 && (
        <ul className="check-list">
          {notOk.map((item) => (
            <CheckItem key={item.id} item={item} language={language} withAdvice onReport={onReport} />
          ))}
        </ul>
      )}
      {ok.length > 0 && (
        <details className="disclosure ok-group">
          <summary>
            <StateIcon kind="ok" size={16} />
            <span className="summary-text">{t(notOk.length > 0 ? 'checks.restOk' : 'checks.allOk')}</span>
            <Chevron />
          </summary>
          <ul className="check-list">
            {ok.map((item) => (
              <CheckItem key={item.id} item={item} language={language} withAdvice={false} />
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}
