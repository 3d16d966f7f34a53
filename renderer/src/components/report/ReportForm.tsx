import { Fragment, useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ActionResult, AgentState, DraftProblem, Impact, TicketDraft } from '../../../../electron/contract';
import { checklistOf } from '../../../../electron/contract/checklist';
import { ActionError } from '../../../../electron/contract/errors';
import { FIELD_LIMITS } from '../../../../electron/contract/limits';
import { localizeParams, telHref } from '../../format';
import { hasText } from '../../i18n';
import { itemMessage } from '../../messages';
import { sortProblems, tooLongLocally, type FormField } from '../../report';
import { DeskLine } from './DeskLine';
import { LimitedText } from './LimitedText';
import { ProblemList, useProblemText } from './ProblemList';
import { Screenshot } from './Screenshot';
import { SendPreview } from './SendPreview';

const IMPACTS: Impact[] = ['can-work', 'cannot-work', 'several-cannot-work'];
// The contact fields; their lengths are the contract's.
const CONTACT_FIELDS = [
  { key: 'name', type: undefined, autoComplete: 'name', maxLength: FIELD_LIMITS['contact.name'] },
  { key: 'phone', type: 'tel', autoComplete: 'tel', maxLength: FIELD_LIMITS['contact.phone'] },
  { key: 'email', type: 'email', autoComplete: 'email', maxLength: FIELD_LIMITS['contact.email'] },
] as const;
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
  const [focusProblems, setFocusProblems] = useState(0);
  const summary = useRef<HTMLDivElement>(null);

  const fieldId = (field: FormField) => `${id}-${field.replace('.', '-')}`;
  const sorted = sortProblems(problems);
  const problemAt = (field: FormField) => sorted.find((p) => p.field === field) ?? null;
  const problemText = useProblemText(language);
  // The final draft: what the screen shows now (the screenshot may have been removed; one still
  // being made ready goes along, the agent waits for it).
  const current = (): TicketDraft => ({
    ...draft,
    relatedItemId: report?.relatedItemId ?? null, // the report's, never one a kept draft had before
    includeScreenshot: report?.screenshot != null || report?.screenshotNote === 'taking',
  });

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

  // Any line of the checklist can be reported (health, protection, updates): look in all of them.
  const item = report?.relatedItemId ? checklistOf(state).find((i) => i.id === report.relatedItemId) : undefined;
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
        <ProblemList problems={sorted} language={language} />
      </div>

      <LimitedText
        id={fieldId('description')}
        label={t('report.description')}
        hint={t('report.descriptionHint')}
        value={draft.description}
        onChange={(description) => set({ description })}
        max={max}
        language={language}
        error={fieldError('description')}
        errorId={problemAt('description') ? `${fieldId('description')}-error` : null}
        autoFocus
      />

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
