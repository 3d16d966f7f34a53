import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language, SaveOutcome } from '../../../../electron/contract';
import type { AdminActions } from './actions';
import { codeOf, startDownload } from './DiagnosticsExport';

type Format = 'pdf' | 'html';
const FORMATS: readonly Format[] = ['pdf', 'html'];
const LANGUAGES: readonly { language: Language; label: 'tray.languageNl' | 'tray.languageEn' }[] = [
  { language: 'nl', label: 'tray.languageNl' },
  { language: 'en', label: 'tray.languageEn' },
];

/** What the card says after "Rapport maken": where it went, that the download started, or why not. */
export type ReportResult = { kind: 'made'; outcome: SaveOutcome } | { kind: 'error'; code: string } | null;

/**
 * "Rapport maken": this PC's health report for the admin or the customer's manager, in Dutch or
 * English (the UI's language first), as a PDF or an HTML page; saved through a save dialog in the
 * app, downloaded in the preview. The outcome and any refusal are said in the status line.
 */
export function ReportCard(props: { language: Language; make: AdminActions['report.make'] }) {
  const { t } = useTranslation();
  const id = useId();
  const [language, setLanguage] = useState<Language>(props.language);
  const [format, setFormat] = useState<Format>('pdf');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<ReportResult>(null);

  async function make() {
    setBusy(true);
    setResult(null);
    try {
      const outcome = await props.make({ language, format });
      if (outcome.outcome === 'download') startDownload(outcome.url, outcome.name);
      setResult({ kind: 'made', outcome });
    } catch (error) {
      setResult({ kind: 'error', code: codeOf(error) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('report.make.title')}</h2>
      <p className="muted small">{t('report.make.intro')}</p>
      <fieldset className="form-field">
        <legend>{t('report.make.language')}</legend>
        <div className="radios">
          {LANGUAGES.map((option) => (
            <label key={option.language} className="radio">
              <input type="radio" name={`${id}-language`} value={option.language} checked={language === option.language} onChange={() => setLanguage(option.language)} />
              <span lang={option.language}>{t(option.label)}</span>
            </label>
          ))}
        </div>
      </fieldset>
      <fieldset className="form-field">
        <legend>{t('report.make.format')}</legend>
        <div className="radios">
          {FORMATS.map((option) => (
            <label key={option} className="radio">
              <input type="radio" name={`${id}-format`} value={option} checked={format === option} onChange={() => setFormat(option)} />
              <span>{t(`report.make.${option}`)}</span>
            </label>
          ))}
        </div>
      </fieldset>
      <div className="export-actions">
        <button type="button" className="button accent" aria-disabled={busy} onClick={() => !busy && void make()}>
          {t('report.make.submit')}
        </button>
      </div>
      <ReportStatus busy={busy} result={result} />
    </section>
  );
}

/** Busy, saved where, the download started, cancelled (`report.make.<outcome>`), or the refusal in words from errors.*. */
export function ReportStatus({ busy, result }: { busy: boolean; result: ReportResult }) {
  const { t } = useTranslation();
  const text = busy ? t('report.make.busy') : result === null ? '' : result.kind === 'error' ? t(`errors.${result.code}`) : t(`report.make.${result.outcome.outcome}`, result.outcome);
  return (
    <p className={`form-status ${result?.kind === 'error' ? 'error' : ''}`} role="status">
      {text}
    </p>
  );
}
