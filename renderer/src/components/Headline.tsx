import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { Overall } from '../../../electron/contract';
import { StateIcon } from './Icons';

const STATUS_SHOWN = 'hallo:status-shown';

/** The one sentence for the whole PC. Screen readers hear it again whenever it changes. */
export function Headline({ overall }: { overall: Overall }) {
  const { t } = useTranslation();
  useEffect(() => {
    // `npm run bench` measures navigation start to this: the first status on screen.
    if (performance.getEntriesByName(STATUS_SHOWN).length === 0) performance.mark(STATUS_SHOWN);
  }, []);
  return (
    <div className={`headline headline-${overall}`} aria-live="polite">
      <StateIcon kind={overall} size={28} />
      <h1 className="headline-text">{t(`headline.${overall}`)}</h1>
    </div>
  );
}
