import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConnectionStatus, Overall, StatusItem } from '../../../electron/contract';
import { StateIcon } from './Icons';

const STATUS_SHOWN = 'hallo:status-shown';

/**
 * The sentence for the overall state, or a more precise one where the state alone would mislead:
 * offline because an admin must enrol the PC (the agent stops trying, so "we keep trying" would be
 * wrong), and attention because no check could run at all.
 */
export function headlineKey(overall: Overall, connection?: ConnectionStatus, items?: readonly StatusItem[]): string {
  if (overall === 'offline' && (connection === 'reenroll' || connection === 'not-enrolled')) return `headline.${connection}`;
  if (overall === 'attention' && items && items.length > 0 && items.every((item) => item.severity === 'unknown')) {
    return 'headline.unchecked';
  }
  return `headline.${overall}`;
}

/** The one sentence for the whole PC. Screen readers hear it again whenever it changes. */
export function Headline({ overall, connection, items }: { overall: Overall; connection?: ConnectionStatus; items?: readonly StatusItem[] }) {
  const { t } = useTranslation();
  useEffect(() => {
    // `npm run bench` measures navigation start to this: the first status on screen.
    if (performance.getEntriesByName(STATUS_SHOWN).length === 0) performance.mark(STATUS_SHOWN);
  }, []);
  return (
    <div className={`headline headline-${overall}`} aria-live="polite">
      <StateIcon kind={overall === 'checking' ? 'unknown' : overall} size={28} />
      <h1 className="headline-text">{t(headlineKey(overall, connection, items))}</h1>
    </div>
  );
}
