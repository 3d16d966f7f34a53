import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../../../electron/contract';
import { formatNumber } from '../../format';
import { charCount, fitPaste } from '../../report';

// The counter speaks only once the employee pauses, and only when the limit is near.
const SPEAK_AFTER_MS = 1200;
const SPEAK_FROM = 0.8;

interface Props {
  /** The textarea's id; its hint and counter take `<id>-hint` and `<id>-counter`. */
  id: string;
  label: string;
  hint: string;
  value: string;
  onChange: (value: string) => void;
  max: number;
  language: Language;
  /** The agent's problem at this field, shown under it (`<p id={errorId}>`), or null. */
  error: ReactNode;
  errorId: string | null;
  autoFocus?: boolean;
  required?: boolean;
}

/**
 * A text the employee writes to the servicedesk (the report's description, a reply): the limit
 * counted as the API counts it, a paste over the limit cut at once and said, the counter spoken
 * when the limit is near. One field for both, so both behave alike.
 */
export function LimitedText({ id, label, hint, value, onChange, max, language, error, errorId, autoFocus, required = true }: Props) {
  const { t } = useTranslation();
  const [spoken, setSpoken] = useState('');
  const [pasteCut, setPasteCut] = useState<{ pasted: number; kept: number } | null>(null);
  const count = charCount(value);

  useEffect(() => {
    const timer = setTimeout(() => {
      if (count > max) setSpoken(t('report.counterOver', { over: formatNumber(count - max, language) }));
      else if (count >= max * SPEAK_FROM) setSpoken(t('report.counterSpoken', { count: formatNumber(count, language), max: formatNumber(max, language) }));
      else setSpoken('');
    }, SPEAK_AFTER_MS);
    return () => clearTimeout(timer);
  }, [count, max, language, t]);

  return (
    <div className="form-field">
      <label htmlFor={id}>{label}</label>
      <p id={`${id}-hint`} className="muted small">
        {hint}
      </p>
      <textarea
        id={id}
        className="input textarea"
        value={value}
        onChange={(event) => onChange(event.target.value)}
        onPaste={(event) => {
          const field = event.currentTarget;
          const fitted = fitPaste(field.value, field.selectionStart, field.selectionEnd, event.clipboardData.getData('text/plain'), max);
          if (!fitted) return;
          event.preventDefault();
          onChange(fitted.value);
          setPasteCut({ pasted: fitted.pasted, kept: fitted.kept });
          requestAnimationFrame(() => field.setSelectionRange(fitted.caret, fitted.caret));
        }}
        rows={4}
        dir="auto"
        autoFocus={autoFocus}
        required={required}
        aria-invalid={errorId ? true : undefined}
        aria-describedby={[`${id}-hint`, `${id}-counter`, errorId ?? ''].filter(Boolean).join(' ')}
      />
      {pasteCut && (
        <p className="field-error" role="alert">
          {t('report.pasteCut', { pasted: formatNumber(pasteCut.pasted, language), kept: formatNumber(pasteCut.kept, language), max: formatNumber(max, language) })}
        </p>
      )}
      <div className="field-foot">
        {error}
        <p id={`${id}-counter`} className={`counter${count > max ? ' over' : ''}`}>
          {t('report.counter', { count: formatNumber(count, language), max: formatNumber(max, language) })}
        </p>
      </div>
      <p className="visually-hidden" aria-live="polite">
        {spoken}
      </p>
    </div>
  );
}
