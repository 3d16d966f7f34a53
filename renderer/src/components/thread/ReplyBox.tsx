import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ActionResult, Language, OpenThread, ReplyDraft, ReplyIntent, ReplyProblem } from '../../../../electron/contract';
import { ActionError } from '../../../../electron/contract/errors';
import { charCount, tooLong } from '../../report';
import { LimitedText } from '../report/LimitedText';
import { ProblemList, useProblemText } from '../report/ProblemList';
import { Screenshot } from '../report/Screenshot';

export interface ReplyActions {
  send(draft: ReplyDraft): Promise<ActionResult<'tickets.sendReply'>>;
  addScreenshot(): Promise<void>;
  removeScreenshot(): Promise<void>;
}

// The box's own fields, in the order it shows them: where focus goes for a problem.
const FIELDS = ['text', 'screenshot', 'ticket'] as const;

/** The content of a refused reply the agent brought back: a new one replaces the box, the same one pushed again does not. */
const refusedKey = (reply: OpenThread['reply']) => (reply.draft ? JSON.stringify([reply.draft, reply.problems]) : null);

/**
 * Under the thread: a reply (the report's text field, limits and messages), a screenshot added on
 * request, Send; on a resolved ticket "Het is opgelost" / "Het is nog niet opgelost" (the latter asks
 * for a sentence). The agent checks and keeps everything; a reply it refuses comes back here.
 */
export function ReplyBox({ thread, max, language, actions }: { thread: OpenThread; max: number; language: Language; actions: ReplyActions }) {
  const { t } = useTranslation();
  const id = useId();
  const textId = `${id}-text`;
  const { reply } = thread;
  const [text, setText] = useState(reply.draft?.text ?? '');
  const [intent, setIntent] = useState<'reply' | 'not-solved'>(reply.draft?.intent === 'not-solved' ? 'not-solved' : 'reply');
  const [problems, setProblems] = useState<ReplyProblem[]>(reply.problems);
  const [refused, setRefused] = useState(reply.draft !== null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [focus, setFocus] = useState<{ to: 'problems' | 'text'; n: number } | null>(reply.draft ? { to: 'problems', n: 0 } : null);
  const summary = useRef<HTMLDivElement>(null);
  const problemText = useProblemText(language);

  // A refused reply brought back by the agent replaces what the box holds, with its reasons.
  const key = refusedKey(reply);
  const [shownKey, setShownKey] = useState(key);
  if (key !== shownKey) {
    setShownKey(key);
    if (reply.draft) {
      setText(reply.draft.text);
      setIntent(reply.draft.intent === 'not-solved' ? 'not-solved' : 'reply');
      setProblems(reply.problems);
      setRefused(true);
      setSaved(false);
      setFocus((f) => ({ to: 'problems', n: (f?.n ?? 0) + 1 }));
    }
  }

  const sorted = [...problems].sort((a, b) => FIELDS.indexOf(a.field) - FIELDS.indexOf(b.field));
  const problemAt = (field: ReplyProblem['field']) => sorted.find((p) => p.field === field) ?? null;
  const errorId = (field: ReplyProblem['field']) => `${id}-${field}-error`;
  const fieldError = (field: ReplyProblem['field']) => {
    const problem = problemAt(field);
    return problem ? (
      <p id={errorId(field)} className="field-error">
        {problemText(problem)}
      </p>
    ) : null;
  };

  // Problems: focus goes to the first field named, or to the summary (the ticket is gone or closed).
  // After a reply is saved: back to an empty box for the next one.
  useEffect(() => {
    if (!focus) return;
    const first = sorted[0];
    const target = focus.to === 'text' ? document.getElementById(textId) : first ? document.getElementById(first.field === 'text' ? textId : `${id}-screenshot`) : null;
    (target ?? summary.current)?.focus();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [focus]);

  async function send(intentNow: ReplyIntent) {
    if (busy) return;
    if (intentNow !== 'solved' && charCount(text) > max) {
      setProblems([{ field: 'text', ...tooLong(max) }]);
      setFocus((f) => ({ to: 'problems', n: (f?.n ?? 0) + 1 }));
      return;
    }
    const draft: ReplyDraft = {
      ticketId: thread.ticketId,
      text,
      intent: intentNow,
      // One still being taken goes along: the agent waits for it.
      includeScreenshot: reply.screenshot !== null || reply.screenshotNote === 'taking',
    };
    setBusy(true);
    setError(null);
    setSaved(false);
    try {
      const result = await actions.send(draft);
      if (result.outcome === 'invalid') {
        setProblems(result.problems);
        setFocus((f) => ({ to: 'problems', n: (f?.n ?? 0) + 1 }));
      } else {
        setText('');
        setProblems([]);
        setRefused(false);
        setIntent('reply');
        setSaved(true);
        setFocus((f) => ({ to: 'text', n: (f?.n ?? 0) + 1 }));
      }
    } catch (failure) {
      setError(failure instanceof ActionError ? failure.code : 'internal');
      summary.current?.focus();
    } finally {
      setBusy(false);
    }
  }

  const open = thread.canReply || thread.canResolve;
  const writing = thread.canReply || intent === 'not-solved' || reply.draft !== null;
  const shot = reply.screenshot !== null || reply.screenshotNote !== null || problemAt('screenshot') !== null;
  return (
    <section className="reply-box" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('reply.title')}</h2>
      <div ref={summary} tabIndex={-1} className="report-alerts" role="alert">
        {error && (
          <div className="alert">
            <p>{t(`errors.${error}`)}</p>
          </div>
        )}
        {refused && problems.length > 0 && (
          <div className="alert">
            <p>{t('reply.refused')}</p>
          </div>
        )}
        <ProblemList problems={sorted} language={language} />
      </div>

      {thread.canResolve && intent === 'reply' && (
        <div className="resolve">
          <p>{t('reply.resolvedQuestion')}</p>
          <div className="resolve-actions">
            <button type="button" className="button accent" disabled={busy} onClick={() => void send('solved')}>
              {t('reply.solved')}
            </button>
            <button
              type="button"
              className="button"
              onClick={() => {
                setIntent('not-solved');
                setFocus((f) => ({ to: 'text', n: (f?.n ?? 0) + 1 }));
              }}
            >
              {t('reply.notSolved')}
            </button>
          </div>
        </div>
      )}

      {writing && (
        <form className="reply-form" onSubmit={(event: FormEvent) => (event.preventDefault(), void send(intent))} noValidate>
          <LimitedText
            id={textId}
            label={intent === 'not-solved' ? t('reply.notSolvedLabel') : t('reply.label')}
            hint={intent === 'not-solved' ? t('reply.notSolvedHint') : t('reply.hint')}
            value={text}
            onChange={setText}
            max={max}
            language={language}
            error={fieldError('text')}
            errorId={problemAt('text') ? errorId('text') : null}
          />
          {shot && (
            <Screenshot
              screenshot={reply.screenshot}
              note={reply.screenshotNote}
              language={language}
              removeId={`${id}-screenshot`}
              error={fieldError('screenshot')}
              alt={t('reply.screenshotAlt')}
              onRemove={() => void actions.removeScreenshot().catch(() => undefined)}
            />
          )}
          {open && (
            <div className="report-actions">
              <button type="submit" className="button accent" disabled={busy}>
                {busy ? t('report.sending') : intent === 'not-solved' ? t('reply.sendNotSolved') : t('reply.send')}
              </button>
              {reply.screenshot === null && reply.screenshotNote !== 'taking' && (
                <button type="button" className="button" onClick={() => void actions.addScreenshot().catch(() => undefined)}>
                  {t('reply.addScreenshot')}
                </button>
              )}
              {intent === 'not-solved' && (
                <button type="button" className="button subtle" onClick={() => setIntent('reply')}>
                  {t('reply.cancelNotSolved')}
                </button>
              )}
            </div>
          )}
        </form>
      )}
      <p className="muted small" role="status">
        {saved ? t('reply.saved') : ''}
      </p>
    </section>
  );
}
