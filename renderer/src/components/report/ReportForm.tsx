import { Fragment, useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ActionResult, AgentState, DraftProblem, Impact, TicketDraft } from '../../../../electron/contract';
import { ActionError } from '../../../../electron/contract/errors';
import { FIELD_LIMITS } from '../../../../electron/contract/limits';
import { formatNumber, localizeParams, telHref } from '../../format';
import { hasText } from '../../i18n';
import { itemMessage } from '../../messages';
import { charCount, fitPaste, sortProblems, tooLongLocally, type FormField } from '../../report';
import { DeskLine } from './DeskLine';
import { Screenshot } from './Screenshot';
import { SendPreview } from './SendPreview';

const IMPACTS: Impact[] = ['can-work', 'cannot-work', 'several-cannot-work'];
// The contact fields; their lengths are the contract's.
const CONTACT_FIELDS = [
  { key: 'name', type: undefined, autoComplete: 'name', maxLength: FIELD_LIMITS['contact.name'] },
  { key: 'phone', type: 'tel', autoComplete: 'tel', maxLength: FIELD_LIMITS['contact.phone'] },
  { key: 'email', type: 'email', autoComplete: 'email', maxLength: FIELD_LIMITS['contact.email'] },
] as const;
// The counter speaks only once the employee pauses, and only when the limit is near.
const SPEAK_AFTER_MS = 1200;
const SPEAK_FROM = 0.8;
// "Bekijk wat er wordt meegestuurd" follows the typing, once the employee pauses.
const PREVIEW_AFTER_MS = 400;

export interface ReportActions {
  submit(draft: TicketDraft): Promise<ActionResult<'tickets.submit'>>;
  preview(draft: TicketDraft): Promise<ActionResult<'tickets.preview'>>;
  removeScreenshot(): Promise<void>;
  cancel(): Promise<void>;
}

interface Props {
  state: AgentState;
  draft: TicketDraft;
  onDraft: (draft: TicketDraft) => void;
  problems: DraftProblem[];
  onProblems: (problems: DraftProblem[]) => void;
  onSaved: (id: string) => void;
  actions: ReportActions;
  now: Date;
}

/** "Meld een probleem": one sentence, how bad, how to reach you, Send. The agent checks it all. */
export function ReportForm({ state, draft, onDraft, problems, onProblems, onSaved, actions, now }: Props) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const language = state.settings.language;
  const { tickets, support } = state;
  const max = tickets.maxDescriptionChars;
  const report = tickets.report;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [preview, setPreview] = useState<
    { phase: 'busy' } | { phase: 'shown'; body: ActionResult<'tickets.preview'>; draft: TicketDraft } | { phase: 'failed' } | null
  >(null);
  const [spoken, setSpoken] = useState('');
  const [pasteCut, setPasteCut] = useState<{ pasted: number; kept: number } | null>(null);
  const [focusProblems, setFocusProblems] = useState(0);
  const summary = useRef<HTMLDivElement>(null);

  const fieldId = (field: FormField) => `${id}-${field.replace('.', '-')}`;
  const sorted = sortProblems(problems);
  const problemAt = (field: FormField) => sorted.find((p) => p.field === field) ?? null;
  const problemText = (p: DraftProblem) => {
    return t(`draft.problem.${p.code}`, localizeParams(p.params ?? {}, language));
  };
  const fieldName = (p: DraftProblem) => t(`draft.field.${p.field}`);
  // The final draft: what the screen shows now (the screenshot may have been removed; one still
  // being made ready goes along, the agent waits for it).
  const current = (): TicketDraft => ({
    ...draft,
    relatedItemId: report?.relatedItemId ?? null, // the report's, never one a kept draft had before
    includeScreenshot: report?.screenshot != null || report?.screenshotNote === 'taking',
  });

  const count = charCount(draft.description);
  useEffect(() => {
    const timer = setTimeout(() => {
      if (count > max) setSpoken(t('report.counterOver', { over: formatNumber(count - max, language) }));
      else if (count >= max * SPEAK_FROM) setSpoken(t('report.counterSpoken', { count: formatNumber(count, language), max: formatNumber(max, language) }));
      else setSpoken('');
    }, SPEAK_AFTER_MS);
    return () => clearTimeout(timer);
  }, [count, max, language, t]);

  // Problems (from Send, or a rejected ticket brought back): focus goes to the first one.
  useEffect(() => {
    if (sorted.length === 0) return;
    const target = document.getElementById(fieldId(sorted[0]!.field));
    (target ?? summary.current)?.focus();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [focusProblems, problems]);

  /** A description over the limit is refused here, at its field, before it travels. */
  function refusedLocally(draftNow: TicketDraft): boolean {
    const local = tooLongLocally(draftNow, max);
    if (!local) return false;
    onProblems([local]);
    setFocusProblems((n) => n + 1);
    return true;
  }

  async function send(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    const draftNow = current();
    if (refusedLocally(draftNow)) return;
    setBusy(true);
    setError(null);
    try {
      const result = await actions.submit(draftNow);
      if (result.outcome === 'invalid') {
        onProblems(result.problems);
        setFocusProblems((n) => n + 1);
      } else {
        onSaved(result.id);
      }
    } catch (failure) {
      setError(failure instanceof ActionError ? failure.code : 'internal');
      summary.current?.focus();
    } finally {
      setBusy(false);
    }
  }

  async function loadPreview() {
    const draftNow = current();
    if (refusedLocally(draftNow)) return;
    setPreview((shown) => shown ?? { phase: 'busy' });
    try {
      setPreview({ phase: 'shown', body: await actions.preview(draftNow), draft: draftNow });
    } catch {
      setPreview({ phase: 'failed' });
    }
  }

  async function togglePreview() {
    if (preview) return setPreview(null);
    await loadPreview();
  }

  // What is shown stays what Send sends: a change to the form while it is open shows it anew.
  const previewDraft = preview?.phase === 'shown' ? preview.draft : null;
  const stale = previewDraft !== null && JSON.stringify(previewDraft) !== JSON.stringify(current());
  useEffect(() => {
    if (!stale) return;
    const timer = setTimeout(() => void loadPreview(), PREVIEW_AFTER_MS);
    return () => clearTimeout(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [stale, draft, report?.screenshot, report?.screenshotNote]);

  const set = (patch: Partial<TicketDraft>) => onDraft({ ...draft, ...patch });
  const setContact = (patch: Partial<TicketDraft['contact']>) => set({ contact: { ...draft.contact, ...patch } });
  const describedBy = (field: FormField, ...more: string[]) =>
    [...more, problemAt(field) ? `${fieldId(field)}-error` : ''].filter(Boolean).join(' ') || undefined;
  const fieldError = (field: FormField) => {
    const problem = problemAt(field);
    return problem ? (
      <p id={`${fieldId(field)}-error`} className="field-error">
        {problemText(problem)}
      </p>
    ) : null;
  };

  const item = report?.relatedItemId ? state.health.items.find((i) => i.id === report.relatedItemId) : undefined;
  const itemText = item
    ? (() => {
        const message = itemMessage(item, (key) => hasText(i18n, key));
        return t(message.text, localizeParams(message.params, language));
      })()
    : null;

  return (
    <form className="report" onSubmit={send} noValidate aria-labelledby={`${id}-title`}>
      <h1 id={`${id}-title`} className="report-title">
        {t('report.title')}
      </h1>
      {itemText && <p className="report-about">{t('report.about', { item: itemText })}</p>}
      {report?.replaces && <p className="report-about">{t('report.fixing')}</p>}

      <div ref={summary} tabIndex={-1} className="report-alerts" role="alert">
        {error && (
          <div className="alert">
            <p>{t(`errors.${error}`)}</p>
            {error === 'not-saved' && support.phone && (
              <a href={telHref(support.phone)}>{t('report.notSavedCall', { phone: support.phone })}</a>
            )}
          </div>
        )}
        {sorted.length > 0 && (
          <div className="alert">
            <p>{t('report.problemsTitle')}</p>
            <ul className="problem-list">
              {sorted.map((p, index) => (
                <li key={`${p.field}:${p.code}:${index}`}>{t('report.problemAt', { field: fieldName(p), problem: problemText(p) })}</li>
              ))}
            </ul>
          </div>
        )}
      </div>

      <div className="form-field">
        <label htmlFor={fieldId('description')}>{t('report.description')}</label>
        <p id={`${id}-hint`} className="muted small">
          {t('report.descriptionHint')}
        </p>
        <textarea
          id={fieldId('description')}
          className="input textarea"
          value={draft.description}
          onChange={(event) => set({ description: event.target.value })}
          onPaste={(event) => {
            const field = event.currentTarget;
            const fitted = fitPaste(field.value, field.selectionStart, field.selectionEnd, event.clipboardData.getData('text/plain'), max);
            if (!fitted) return;
            event.preventDefault();
            set({ description: fitted.value });
            setPasteCut({ pasted: fitted.pasted, kept: fitted.kept });
            requestAnimationFrame(() => field.setSelectionRange(fitted.caret, fitted.caret));
          }}
          rows={4}
          dir="auto"
          autoFocus
          required
          aria-invalid={problemAt('description') ? true : undefined}
          aria-describedby={describedBy('description', `${id}-hint`, `${id}-counter`)}
        />
        {pasteCut && (
          <p className="field-error" role="alert">
            {t('report.pasteCut', { pasted: formatNumber(pasteCut.pasted, language), kept: formatNumber(pasteCut.kept, language), max: formatNumber(max, language) })}
          </p>
        )}
        <div className="field-foot">
          {fieldError('description')}
          <p id={`${id}-counter`} className={`counter${count > max ? ' over' : ''}`}>
            {t('report.counter', { count: formatNumber(count, language), max: formatNumber(max, language) })}
          </p>
        </div>
        <p className="visually-hidden" aria-live="polite">
          {spoken}
        </p>
      </div>

      {tickets.categories.length > 0 && (
        <fieldset className="form-field" aria-describedby={describedBy('categoryId')}>
          <legend>{t('report.category')}</legend>
          <div className="chips">
            {tickets.categories.map((category, index) => (
              <label key={category.id} className="chip">
                <input
                  type="radio"
                  name={`${id}-category`}
                  id={index === 0 ? fieldId('categoryId') : undefined}
                  value={category.id}
                  checked={draft.categoryId === category.id}
                  onChange={() => set({ categoryId: category.id })}
                />
                <span>{category.label[language] || category.label.nl || category.id}</span>
              </label>
            ))}
          </div>
          {fieldError('categoryId')}
        </fieldset>
      )}

      <fieldset className="form-field" aria-describedby={describedBy('impact')}>
        <legend>{t('report.impact')}</legend>
        <div className="radios">
          {IMPACTS.map((impact, index) => (
            <label key={impact} className="radio">
              <input
                type="radio"
                name={`${id}-impact`}
                id={index === 0 ? fieldId('impact') : undefined}
                value={impact}
                checked={draft.impact === impact}
                onChange={() => set({ impact })}
              />
              <span>{t(`report.impactOptions.${impact}`)}</span>
            </label>
          ))}
        </div>
        {fieldError('impact')}
      </fieldset>

      <DeskLine support={support} impact={draft.impact} language={language} now={now} />

      <fieldset className="form-field contact-fields">
        <legend>{t('report.contact')}</legend>
        {CONTACT_FIELDS.map(({ key, type, autoComplete, maxLength }) => {
          const field = `contact.${key}` as const;
          return (
            <Fragment key={key}>
              <label htmlFor={fieldId(field)}>{t(`report.${key}`)}</label>
              <input
                id={fieldId(field)}
                className="input"
                type={type}
                value={draft.contact[key]}
                onChange={(event) => setContact({ [key]: event.target.value })}
                autoComplete={autoComplete}
                maxLength={maxLength}
                required={key === 'name'}
                aria-invalid={problemAt(field) ? true : undefined}
                aria-describedby={describedBy(field)}
              />
              {fieldError(field)}
            </Fragment>
          );
        })}
      </fieldset>

      <Screenshot
        screenshot={report?.screenshot ?? null}
        note={report?.screenshotNote ?? null}
        language={language}
        removeId={fieldId('screenshot')}
        error={fieldError('screenshot')}
        onRemove={() => void actions.removeScreenshot().catch(() => undefined)}
      />

      <label className="checkbox">
        <input type="checkbox" checked={draft.includeProcesses} onChange={(event) => set({ includeProcesses: event.target.checked })} />
        <span>{t('report.includeProcesses')}</span>
      </label>

      <div className="preview-toggle">
        <button type="button" className="button subtle" aria-expanded={preview !== null} onClick={() => void togglePreview()}>
          {preview ? t('report.hidePreview') : t('report.showPreview')}
        </button>
        {preview?.phase === 'busy' && <p className="muted small" role="status">{t('report.previewBusy')}</p>}
        {preview?.phase === 'failed' && <p className="field-error" role="status">{t('preview.failed')}</p>}
        {preview?.phase === 'shown' && (
          <SendPreview
            body={preview.body}
            processesWanted={preview.draft.includeProcesses}
            language={language}
            units={state.app.sizeUnits}
            categories={tickets.categories}
          />
        )}
      </div>

      <div className="report-actions">
        <button type="submit" className="button accent" disabled={busy}>
          {busy ? t('report.sending') : t('report.send')}
        </button>
        <button type="button" className="button" onClick={() => void actions.cancel().catch(() => undefined)}>
          {t('report.cancel')}
        </button>
      </div>
    </form>
  );
}
