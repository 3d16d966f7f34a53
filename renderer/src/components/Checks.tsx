import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language, SizeUnits, StatusItem } from '../../../electron/contract';
import { cleanupSaid, type CleanTempResult } from '../cleanup';
import { orderedChecks, protectionOk } from '../../../electron/contract/checklist';
import { localizeParams, locale } from '../format';
import { hasText } from '../i18n';
import { itemMessage } from '../messages';
import { Chevron, StateIcon } from './Icons';

/** "Tijdelijke bestanden opruimen" as the agent offers it (state.checks.cleanup) and the intent behind it. */
export interface CleanupOffer {
  itemIds: readonly string[];
  running: boolean;
  units: SizeUnits;
  clean: () => Promise<CleanTempResult>;
}

function CleanupButton({ busy, onClean }: { busy: boolean; onClean: () => void }) {
  const { t } = useTranslation();
  // aria-disabled rather than disabled while busy: the button keeps focus and is still announced.
  return (
    <div className="cleanup">
      <button type="button" className="button cleanup-button" aria-disabled={busy} onClick={() => !busy && onClean()}>
        {t(busy ? 'cleanup.running' : 'cleanup.button')}
      </button>
      <p className="muted small">{t('cleanup.hint')}</p>
    </div>
  );
}

function CheckItem(props: { item: StatusItem; language: Language; withAdvice: boolean; onReport?: (itemId: string) => void; cleanup?: { busy: boolean; onClean: () => void } }) {
  const { item, language, withAdvice, onReport, cleanup } = props;
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
        {cleanup && <CleanupButton busy={cleanup.busy} onClean={cleanup.onClean} />}
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

/**
 * What needs doing first, worst on top (protection first within a severity: contract/checklist.ts), each
 * with "Meld dit"; whether the PC is protected in one line; everything that is fine folded into one
 * line. The cleanup button sits on exactly the lines the agent offers it on, and what it did is
 * said in a live region.
 */
export function Checks(props: { items: StatusItem[]; language: Language; onReport?: (itemId: string) => void; cleanup?: CleanupOffer }) {
  const { items, language, onReport, cleanup } = props;
  const { t } = useTranslation();
  const [pending, setPending] = useState(false);
  const [said, setSaid] = useState<string[]>([]);
  const sorted = orderedChecks(items);
  const notOk = sorted.filter((item) => item.severity !== 'ok');
  const ok = sorted.filter((item) => item.severity === 'ok');
  const protectedChecks = protectionOk(items);
  const list = new Intl.ListFormat(locale(language), { type: 'conjunction' }).format(protectedChecks.map((check) => t(`check.${check}`).toLocaleLowerCase(language)));

  const busy = pending || (cleanup?.running ?? false);
  const clean = async () => {
    if (!cleanup) return;
    setPending(true);
    setSaid([]);
    const outcome = await cleanup.clean().then(
      (result) => ({ result }),
      (failure: unknown) => ({ failure }),
    );
    setSaid(cleanupSaid(outcome, cleanup.units, language, t));
    setPending(false);
  };
  const cleanupOn = (item: StatusItem) => (cleanup?.itemIds.includes(item.id) ? { busy, onClean: () => void clean() } : undefined);

  return (
    <section className="checks" aria-labelledby="checks-title">
      <h2 id="checks-title" className="visually-hidden">
        {t('checks.title')}
      </h2>
      {items.length === 0 && <p className="muted">{t('checks.none')}</p>}
      {notOk.length > 0 && (
        <ul className="check-list">
          {notOk.map((item) => (
            <CheckItem key={item.id} item={item} language={language} withAdvice onReport={onReport} cleanup={cleanupOn(item)} />
          ))}
        </ul>
      )}
      <div className="cleanup-outcome" aria-live="polite">
        {said.map((line) => (
          <p key={line}>{line}</p>
        ))}
      </div>
      {protectedChecks.length > 0 && (
        <p className="protected">
          <StateIcon kind="ok" size={16} />
          <span>{t('checks.protectedOk', { list })}</span>
        </p>
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
              <CheckItem key={item.id} item={item} language={language} withAdvice={false} cleanup={cleanupOn(item)} />
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}
