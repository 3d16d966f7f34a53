import { useTranslation } from 'react-i18next';
import type { AgentState } from '../../../../electron/contract';
import { formatDateTime } from '../../format';
import type { AdminActions } from './actions';
import { Field } from './Field';

/**
 * For admins: the agent's own version and its updates (state.selfUpdate): where it looks, on which
 * channel and rollout place, when it last looked, what is available or held back, when a ready
 * one installs or what it waits for, and the last error in words. "Nu zoeken" looks now
 * (`selfUpdate.check`). The employee's own view shows none of it.
 */
export function SelfUpdateCard({ state, check }: { state: AgentState; check: AdminActions['selfUpdate.check'] }) {
  const { t } = useTranslation();
  const language = state.settings.language;
  const update = state.selfUpdate;
  const version = update.available?.version ?? '';
  const status =
    update.phase === 'idle' && update.heldBack && update.available
      ? t('selfUpdate.heldBack', { version, percentage: update.stagingPercentage, bucket: update.bucket ?? '–' })
      : update.phase === 'disabled' && update.feedUrl !== null
        ? // A feed, but no updater: an install the admin's tool keeps current (electron/main/machine-update/route.ts).
          t('selfUpdate.phase.disabledInstall')
        : t(`selfUpdate.phase.${update.phase}`, { version });
  const busy = update.phase === 'checking';
  const off = update.phase === 'disabled';
  return (
    <section className="card" aria-labelledby="admin-selfupdate">
      <h2 id="admin-selfupdate">{t('selfUpdate.title')}</h2>
      <div className="probes-top">
        <p className="muted small" aria-live="polite">
          {status}
        </p>
        <button type="button" className="button" aria-disabled={busy || off} onClick={() => !busy && !off && void check({})}>
          {t('selfUpdate.check')}
        </button>
      </div>
      <dl className="fields">
        <Field label={t('selfUpdate.version')} value={state.app.version} />
        <Field label={t('selfUpdate.channel')} value={t(`selfUpdate.channels.${update.channel}`)} />
        <Field
          label={t('selfUpdate.feed')}
          value={
            update.feedUrl && (
              <>
                <code className="code block">{update.feedUrl}</code>
                {update.feedSource && <span>{t(`selfUpdate.source.${update.feedSource}`)}</span>}
              </>
            )
          }
        />
        <Field
          label={t('selfUpdate.staging')}
          value={
            update.bucket !== null
              ? t('selfUpdate.stagingValue', { percentage: update.stagingPercentage, bucket: update.bucket })
              : t(state.connection.deviceId === null ? 'selfUpdate.stagingNoBucket' : 'selfUpdate.stagingPending', { percentage: update.stagingPercentage })
          }
        />
        <Field label={t('selfUpdate.lastChecked')} value={formatDateTime(update.lastCheckedAt, language)} />
        {update.available?.releaseDate && <Field label={t('selfUpdate.released')} value={formatDateTime(update.available.releaseDate, language)} />}
        {update.phase === 'ready' && (
          <Field
            label={t('selfUpdate.installs')}
            value={update.waitingFor ? t(`selfUpdate.waitingFor.${update.waitingFor}`) : update.installWhen && t(`selfUpdate.installWhen.${update.installWhen}`)}
          />
        )}
        {update.lastError && (
          <Field
            label={t('selfUpdate.lastError')}
            value={
              <>
                {t(`selfUpdate.error.${update.lastError.code}`)}
                <code className="code block">{[update.lastError.code, update.lastError.detail].filter(Boolean).join(' · ')}</code>
              </>
            }
          />
        )}
      </dl>
    </section>
  );
}
