import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AgentState, Language } from '../../../electron/contract';
import { describeWhen } from '../format';
import { announceAt, clockText, secondsLeft } from './countdown';

const PROMPT_SHOWN = 'hallo:restart-prompt-shown';

export interface RestartPromptActions {
  defer(at: string): void;
  remindLater(): void;
  restartNow(): void;
}

/**
 * The restart prompt: why, by when, each way to put it off with the exact time it moves to, and
 * "Nu opnieuw opstarten"; in the final countdown the time left, heard at whole minutes and the
 * last 30 and 10 seconds. "Later" is always there before the countdown: a prompt that cannot be
 * closed is a trap. It renders the agent's step; it decides nothing.
 */
export function RestartPrompt(props: { state: AgentState; language: Language; now: Date; actions: RestartPromptActions }) {
  const { state, language, now, actions } = props;
  const { t } = useTranslation();
  const { restart } = state.updates;
  const zone = state.support.timeZone;
  const step = restart.step;
  const when = (iso: string | null) => {
    const described = describeWhen(iso, now, zone, language);
    return described ? t(described.key, described.params) : null;
  };
  const deadline = when(restart.deadline);
  const seconds = step?.kind === 'countdown' ? secondsLeft(step.endsAt, now) : 0;
  // What a screen reader last heard stays in the live region until the next moment worth saying.
  const [heard, setHeard] = useState<string>('');
  const announcement = step?.kind === 'countdown' && announceAt(seconds) ? t('restartPrompt.countdownHeard', { time: spoken(seconds, t) }) : null;
  if (announcement && announcement !== heard) setHeard(announcement);

  const asking = restart.needed && (step?.kind === 'prompt' || step?.kind === 'countdown');
  useEffect(() => {
    // `npm run bench` measures navigation start to this (restartPromptRenderMs): the prompt on screen.
    if (asking && performance.getEntriesByName(PROMPT_SHOWN).length === 0) performance.mark(PROMPT_SHOWN);
  }, [asking]);

  const why =
    restart.source === 'hallo' && restart.halloReason
      ? [t('updatesSection.halloAsks', { reason: restart.halloReason })]
      : restart.reasons.filter((reason) => !reason.soft).map((reason) => t(`updates.reason.${reason.code}`));

  if (!step || step.kind === 'wait' || !restart.needed) {
    return (
      <main className="restart-prompt">
        <h1>{t('restartPrompt.nothingTitle')}</h1>
        <p>{t('restartPrompt.nothing')}</p>
      </main>
    );
  }
  if (step.kind === 'restarting') {
    return (
      <main className="restart-prompt" aria-busy="true">
        <h1>{t('restartPrompt.restartingTitle')}</h1>
      </main>
    );
  }
  const options = step.kind === 'prompt' ? step.options : [];
  const inOptions = options.filter((option) => option.kind === 'in');
  const pickOptions = options.filter((option) => option.kind === 'pick');

  return (
    <main className="restart-prompt" aria-labelledby="restart-title">
      <h1 id="restart-title">{t(step.kind === 'countdown' ? 'restartPrompt.countdownTitle' : 'restartPrompt.title')}</h1>
      {why.map((line) => (
        <p key={line}>{line}</p>
      ))}
      {step.kind === 'prompt' && deadline && <p className="restart-deadline">{t('restartPrompt.deadline', { when: deadline })}</p>}
      {step.plugIn && (
        <p className="restart-plug" role="alert">
          {t('restartPrompt.plugIn')}
        </p>
      )}
      <p>{t('restartPrompt.saveWork')}</p>
      {restart.problem && (
        <p className="updates-problem" role="alert">
          {t(`restart.problem.${restart.problem.code}`)}
        </p>
      )}

      {step.kind === 'countdown' && (
        <>
          <p className="restart-clock" role="timer" aria-label={t('restartPrompt.countdownLabel')}>
            <span aria-hidden="true">{clockText(seconds)}</span>
          </p>
          <p className="visually-hidden" aria-live="assertive" aria-atomic="true">
            {heard}
          </p>
        </>
      )}

      {step.kind === 'prompt' && (
        <>
          {inOptions.length > 0 && (
            <div className="restart-options" role="group" aria-label={t('restartPrompt.laterGroup')}>
              {inOptions.map((option) => (
                <button key={option.at} type="button" className="button" onClick={() => actions.defer(option.at)}>
                  {t('restartPrompt.remindAt', { when: when(option.at) })}
                </button>
              ))}
            </div>
          )}
          {pickOptions.length > 0 && (
            <fieldset className="restart-pick">
              <legend>{t('restartPrompt.pick')}</legend>
              {pickOptions.map((option) => (
                <button key={option.at} type="button" className="button subtle" onClick={() => actions.defer(option.at)}>
                  {t('restartPrompt.restartAt', { when: when(option.at) })}
                </button>
              ))}
            </fieldset>
          )}
          <p className="muted small">{t('updatesSection.deferralsLeft', { count: restart.deferralsLeft })}</p>
        </>
      )}

      <div className="restart-actions">
        <button type="button" className="button accent" onClick={actions.restartNow}>
          {t('restartPrompt.restartNow')}
        </button>
        {step.kind === 'prompt' && (
          <button type="button" className="button subtle" onClick={actions.remindLater}>
            {t('restartPrompt.later')}
          </button>
        )}
      </div>
    </main>
  );
}

/** The time left as a screen reader should say it: whole minutes, or seconds near the end. */
function spoken(seconds: number, t: (key: string, params?: Record<string, unknown>) => string): string {
  return seconds >= 60 ? t('duration.minutes', { count: Math.round(seconds / 60) }) : t('restartPrompt.seconds', { count: seconds });
}
