import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { Headline as HeadlineCode, Overall } from '../../../electron/contract';
import { StateIcon } from './Icons';

const STATUS_SHOWN = 'hallo:status-shown';

/** The one sentence for the whole PC, as the agent words it (`headline`); the tray's tooltip says the same. Screen readers hear it again whenever it changes. */
export function Headline({ overall, headline }: { overall: Overall; headline: HeadlineCode }) {
  const { t } = useTranslation();
  useEffect(() => {
    // `npm run bench` measures navigation start to this: the first status on screen.
    if (performance.getEntriesByName(STATUS_SHOWN).length === 0) performance.mark(STATUS_SHOWN);
  }, []);
  return (
    <div className={`headline headline-${overall}`} aria-live="polite">
      <StateIcon kind={overall === 'checking' ? 'unknown' : overall} size={28} />
      <h1 className="headline-text">{t(`headline.${headline}`)}</h1>
    </div>
  );
}
