import { useTranslation } from 'react-i18next';
import type { Language, UpdatesState } from '../../../electron/contract';
import { UPDATE_CLASSES } from '../../../electron/contract/updates';
import { describeSince, describeWhen, formatDateTime } from '../format';
import { Chevron } from './Icons';

/** KB numbers as Windows users know them ("KB5036980"), unless the title says them already. */
function KbNumbers({ kb, title }: { kb: string[]; title: string }) {
  const shown = kb.map((number) => `KB${number.replace(/^KB/i, '')}`).filter((label) => !title.includes(label));
  return shown.length > 0 ? <span className="muted"> ({shown.join(', ')})</span> : null;
}

/**
 * The popup's Updates section: whether the PC must restart and by when, what is pending by kind
 * (titles and KB numbers on expand), when hallo, last looked, and what was installed lately.
 * Deadlines read in the policy's time zone (`zone`), the way the restart window says them.
 */
export function Updates(props: { updates: UpdatesState; zone: string; language: Language; now: Date; onAcknowledge: () => void }) {
  const { updates, zone, language, now, onAcknowledge } = props;
  const { t } = useTranslation();
  const { restart, pending, pendingProblem } = updates;
  const deadline = describeWhen(restart.deadline, now, zone, language);
  const checked = describeSince(updates.lastCheckedAt, now, zone, language);
  const hardReasons = restart.reasons.filter((reason) => !reason.soft);

  return (
    <section className="card updates" aria-labelledby="updates-title">
      <h2 id="updates-title">{t('updatesSection.title')}</h2>

      {updates.upToDate && (
        <div className="updates-done" role="status">
          <p>{t('updatesSection.upToDate')}</p>
          <button type="button" className="button subtle" onClick={onAcknowledge}>
            {t('updatesSection.acknowledge')}
          </button>
        </div>
      )}

      {restart.needed && (
        <div className="updates-restart">
          <p className="updates-restart-title">
            {deadline ? t('updatesSection.restartBy', { when: t(deadline.key, deadline.params) }) : t('updatesSection.restartNeeded')}
          </p>
          {restart.source === 'hallo' && restart.halloReason ? (
            <p>{t('updatesSection.halloAsks', { reason: restart.halloReason })}</p>
          ) : (
            hardReasons.map((reason) => <p key={reason.code}>{t(`updates.reason.${reason.code}`)}</p>)
          )}
          <p className="muted small">{t('updatesSection.deferralsLeft', { count: restart.deferralsLeft })}</p>
        </div>
      )}
      {restart.problem && (
        <p className="updates-problem" role="alert">
          {t(`restart.problem.${restart.problem.code}`)}
        </p>
      )}

      {pending === null ? (
        <div className="updates-unknown">
          <p>{t(`updatesSection.unknown.${pendingProblem?.code ?? 'failed'}`)}</p>
          {pendingProblem && (
            <p className="muted small">{t(`updates.problem.${pendingProblem.code}`, { tool: pendingProblem.tool, detail: pendingProblem.detail })}</p>
          )}
        </div>
      ) : pending.total === 0 ? (
        <p>{t('updatesSection.nonePending')}</p>
      ) : (
        <ul className="updates-classes">
          {UPDATE_CLASSES.filter((kind) => (pending.byClass[kind] ?? 0) > 0).map((kind) => (
            <li key={kind}>
              <details className="disclosure">
                <summary>
                  <span className="summary-text">{t('updatesSection.classCount', { kind: t(`updates.class.${kind}`), count: pending.byClass[kind] })}</span>
                  <Chevron />
                </summary>
                <ul className="updates-titles">
                  {pending.updates
                    .filter((update) => update.classification === kind)
                    .map((update, index) => (
                      <li key={`${update.title}-${index}`}>
                        {update.title}
                        <KbNumbers kb={update.kb} title={update.title} />
                      </li>
                    ))}
                </ul>
              </details>
            </li>
          ))}
        </ul>
      )}
      {pending && pendingProblem && (
        <p className="muted small">{t(`updatesSection.unknown.${pendingProblem.code}`)}</p>
      )}

      <p className="muted small">
        {updates.checking ? t('updatesSection.checking') : checked ? t('updatesSection.lastChecked', { when: t(checked.key, checked.params) }) : t('updatesSection.neverChecked')}
      </p>

      {updates.installed !== null && (
        <details className="disclosure">
          <summary>
            <span className="summary-text">{t('updatesSection.installedTitle')}</span>
            <Chevron />
          </summary>
          {updates.installed.length === 0 ? (
            <p className="muted">{t('updatesSection.installedNone')}</p>
          ) : (
            <ul className="updates-titles">
              {updates.installed.map((update, index) => (
                <li key={`${update.title}-${index}`}>
                  {update.title}
                  <KbNumbers kb={update.kb} title={update.title} />
                  <span className="muted small"> · {formatDateTime(update.installedAt, language)}</span>
                  {update.result !== 'succeeded' && <span className="small"> · {t(`updatesSection.result.${update.result}`)}</span>}
                </li>
              ))}
            </ul>
          )}
        </details>
      )}
    </section>
  );
}
