import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language, LogLine } from '../../../../electron/contract';
import { ActionError } from '../../../../electron/contract/errors';
import { formatDateTime } from '../../format';
import type { AdminActions } from './actions';

type LogLevel = LogLine['level'];
/** The filter's choices, least severe first. A Record, so that typecheck fails if the contract's LOG_LEVELS grows (the renderer takes only types from the zod modules). */
const LEVELS = Object.keys({ debug: true, info: true, warn: true, error: true } satisfies Record<LogLevel, true>) as LogLevel[];

/** As many lines as the admin reads on the spot; the whole log goes with "Diagnose exporteren". */
export const LOG_LINES_SHOWN = 200;

type Read = { kind: 'reading' } | { kind: 'read'; lines: LogLine[]; file: string } | { kind: 'error'; code: string };

/**
 * The agent's log (admin.readLog): the last lines at a level and above, newest at the top (what an
 * admin looks for first, and what a screen reader reaches first), each line a list item in
 * monospace that says its level in words. Read when the card shows, when the level changes and on
 * "Vernieuwen".
 */
export function LogCard({ language, readLog }: { language: Language; readLog: AdminActions['admin.readLog'] }) {
  const { t } = useTranslation();
  const id = useId();
  const [level, setLevel] = useState<LogLevel>('info');
  const [read, setRead] = useState<Read>({ kind: 'reading' });

  // Only the answer to the latest ask is shown: a slow read for the old level must not replace the new one.
  const asked = useRef(0);
  const load = useCallback(
    (which: LogLevel) => {
      const ask = ++asked.current;
      readLog({ level: which, limit: LOG_LINES_SHOWN }).then(
        ({ lines, file }) => ask === asked.current && setRead({ kind: 'read', lines, file }),
        (error: unknown) => ask === asked.current && setRead({ kind: 'error', code: error instanceof ActionError ? error.code : 'internal' }),
      );
    },
    [readLog],
  );
  useEffect(() => load(level), [load, level]);
  const reread = (which: LogLevel) => {
    setRead({ kind: 'reading' });
    if (which === level) load(which);
    else setLevel(which);
  };

  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('admin.log.title')}</h2>
      <div className="log-top">
        <label htmlFor={`${id}-level`}>{t('admin.log.levelLabel')}</label>
        <select id={`${id}-level`} className="select" value={level} onChange={(event) => reread(event.target.value as LogLevel)}>
          {LEVELS.map((option) => (
            <option key={option} value={option}>
              {t(`admin.log.filter.${option}`)}
            </option>
          ))}
        </select>
        <button type="button" className="button" aria-disabled={read.kind === 'reading'} onClick={() => read.kind !== 'reading' && reread(level)}>
          {t('admin.log.refresh')}
        </button>
      </div>
      <LogLines read={read} language={language} labelledBy={`${id}-title`} />
    </section>
  );
}

/** The lines as read (pure: rendered alike in the tests). */
export function LogLines({ read, language, labelledBy }: { read: Read; language: Language; labelledBy: string }) {
  const { t } = useTranslation();
  const status =
    read.kind === 'reading'
      ? t('admin.log.reading')
      : read.kind === 'error'
        ? t(`errors.${read.code}`)
        : read.lines.length === 0
          ? t('admin.log.empty')
          : t('admin.log.count', { count: read.lines.length, file: read.file });
  return (
    <>
      <p className="muted small" role="status">
        {status}
      </p>
      {read.kind === 'read' && read.lines.length > 0 && (
        // Scrolls on its own; focusable so that a keyboard can scroll it too.
        <ol className="log-lines" tabIndex={0} aria-labelledby={labelledBy}>
          {read.lines
            .slice()
            .reverse()
            .map((line, index) => (
              <li key={`${line.at}:${index}`} className={`log-line ${line.level}`}>
                <time className="log-when" dateTime={line.at}>
                  {formatDateTime(line.at, language) ?? line.at}
                </time> <span className="log-level">{t(`admin.log.level.${line.level}`)}</span>{' '}
                <span className="log-scope">{line.scope}</span> <span className="log-msg">{line.msg}</span>
                {line.data && <span className="log-data"> {JSON.stringify(line.data)}</span>}
              </li>
            ))}
        </ol>
      )}
    </>
  );
}
