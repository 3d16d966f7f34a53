import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ActionRequest, ActionResult, RemoteRequestView } from '../../../electron/contract';
import { announceAt, clockText, secondsLeft } from '../restart/countdown';
import { spokenSeconds } from './spoken';

/** `npm run bench` (consentPromptMs) measures from the request's arrival to this mark. */
export const CONSENT_PROMPT_SHOWN = 'hallo:consent-prompt-shown';
/** Clicks and keys this soon after the page showed a request are ignored (ARCHITECTURE.md: 500 ms). */
const ANSWER_GUARD_MS = 500;

export interface ConsentActions {
  answer(request: ActionRequest<'remote.answer'>): Promise<ActionResult<'remote.answer'>['outcome']>;
  showTicket(): void;
}

/** The short code in groups of three, as it is read out on the phone ("482 913"). */
export function groupedCode(code: string): string {
  const bare = code.replace(/\s+/g, '');
  return /^\d{6}$/.test(bare) ? `${bare.slice(0, 3)} ${bare.slice(3)}` : code;
}

/**
 * The consent window's content: only what the signature proves (who, why, which ticket, view or
 * control), the short code, the time left, and three answers. It renders the agent's request and
 * sends the employee's answer; the agent decides. Clicks and keys before `answerableAt` are ignored
 * here as well as by the agent (a key still held, a technician's remote click: rustdesk#3070),
 * and focus starts on the heading, not on "Toestaan", so that a stray Enter allows nothing.
 */
export function ConsentPrompt(props: { request: RemoteRequestView | null; now: Date; actions: ConsentActions }) {
  const { request, now, actions } = props;
  const { t } = useTranslation();
  const [viewOnly, setViewOnly] = useState(false);
  const [failed, setFailed] = useState(false);
  const [heard, setHeard] = useState('');
  const heading = useRef<HTMLHeadingElement>(null);
  const sessionId = request?.sessionId ?? null;
  // When this page showed the request: the guard counts from here too, not only from when the
  // agent decided to show it (a busy machine may take longer than the guard to paint the page).
  const [shownHere] = useState(() => Date.now());

  // The window keys this component by the request, so a new request starts with fresh choices.
  useEffect(() => {
    if (!sessionId) return;
    heading.current?.focus();
    if (performance.getEntriesByName(CONSENT_PROMPT_SHOWN).length === 0) performance.mark(CONSENT_PROMPT_SHOWN);
  }, [sessionId]);

  const seconds = request ? secondsLeft(request.expiresAt, now) : 0;
  // What a screen reader last heard stays in the live region until the next moment worth saying.
  const announcement = request && announceAt(seconds) ? t('consent.countdownHeard', { time: spokenSeconds(seconds, t) }) : null;
  if (announcement && announcement !== heard) setHeard(announcement);

  if (!request) {
    return (
      <main className="consent" aria-labelledby="consent-title">
        <h1 id="consent-title">{t('consent.noneTitle')}</h1>
        <p>{t('consent.none')}</p>
      </main>
    );
  }

  const name = request.technicianName;
  const control = request.modeRequested === 'control';
  const mode = control && request.controlOffered && !viewOnly ? 'control' : 'view';
  const send = (answer: 'allow' | 'deny' | 'not-requested') => {
    if (Date.now() < Math.max(new Date(request.answerableAt).getTime(), shownHere + ANSWER_GUARD_MS)) return;
    setFailed(false);
    actions.answer({ sessionId: request.sessionId, answer, ...(answer === 'allow' ? { mode } : {}) }).catch(() => setFailed(true));
  };

  return (
    <main className="consent" aria-labelledby="consent-title">
      <h1 id="consent-title" ref={heading} tabIndex={-1}>
        {t(control ? 'consent.titleControl' : 'consent.titleView', { name })}
      </h1>
      <dl className="consent-facts">
        <dt>{t('consent.reasonLabel')}</dt>
        <dd className="consent-reason">{request.reason}</dd>
        {request.ticketNumber !== null && (
          <>
            <dt>{t('consent.ticketLabel')}</dt>
            <dd>
              {t('consent.ticketNumber', { number: request.ticketNumber })}
              {request.ticketId && (
                <>
                  {' '}
                  <button type="button" className="link-button" onClick={actions.showTicket}>
                    {t('consent.openTicket')}
                  </button>
                </>
              )}
            </dd>
          </>
        )}
        <dt>{t('consent.modeLabel')}</dt>
        <dd>
          {control && !request.controlOffered && <p className="consent-view-only">{t('consent.viewOnly')}</p>}
          <p>{t(mode === 'control' ? 'consent.modeControl' : 'consent.modeView', { name })}</p>
        </dd>
      </dl>
      {control && request.controlOffered && (
        <label className="consent-narrow">
          <input type="checkbox" checked={viewOnly} onChange={(event) => setViewOnly(event.target.checked)} />
          {t('consent.narrow')}
        </label>
      )}
      <p className="consent-code">{t('consent.code', { code: groupedCode(request.code) })}</p>
      <p className="muted small">{t('consent.codeHint')}</p>

      <p className="consent-clock" role="timer" aria-label={t('consent.countdownLabel')}>
        <span aria-hidden="true">{t('consent.countdown', { time: clockText(seconds) })}</span>
      </p>
      <p className="visually-hidden" aria-live="assertive" aria-atomic="true">
        {heard}
      </p>
      {failed && (
        <p className="updates-problem" role="alert">
          {t('consent.failed')}
        </p>
      )}

      <div className="consent-actions">
        <button type="button" className="button accent" onClick={() => send('allow')}>
          {t('consent.allow')}
        </button>
        <button type="button" className="button" onClick={() => send('deny')}>
          {t('consent.deny')}
        </button>
        <button type="button" className="button subtle" onClick={() => send('not-requested')}>
          {t('consent.notRequested')}
        </button>
      </div>
    </main>
  );
}
