import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ActionError } from '../../../electron/contract/errors';

type Phase = { kind: 'idle' } | { kind: 'busy' } | { kind: 'done' } | { kind: 'error'; key: string };

/** An on-site admin types the enrolment code; the agent decides whether it worked. */
export function EnrollForm({ enroll }: { enroll: (code: string) => Promise<unknown> }) {
  const { t } = useTranslation();
  const id = useId();
  const [code, setCode] = useState('');
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (code.trim().length < 4) return setPhase({ kind: 'error', key: 'admin.enroll.tooShort' });
    setPhase({ kind: 'busy' });
    try {
      await enroll(code.trim());
      setPhase({ kind: 'done' });
      setCode('');
    } catch (error) {
      setPhase({ kind: 'error', key: `errors.${error instanceof ActionError ? error.code : 'internal'}` });
    }
  }

  return (
    <form className="enroll" onSubmit={submit} noValidate>
      <p className="muted small">{t('admin.enroll.intro')}</p>
      <label htmlFor={`${id}-code`}>{t('admin.enroll.code')}</label>
      <div className="enroll-row">
        <input
          id={`${id}-code`}
          className="input"
          value={code}
          onChange={(event) => setCode(event.target.value)}
          autoComplete="off"
          spellCheck={false}
          maxLength={64}
          aria-invalid={phase.kind === 'error'}
          aria-describedby={`${id}-status`}
        />
        <button type="submit" className="button accent" disabled={phase.kind === 'busy'}>
          {t('admin.enroll.submit')}
        </button>
      </div>
      <p id={`${id}-status`} className={`form-status ${phase.kind}`} role="status">
        {phase.kind === 'busy' && t('admin.enroll.busy')}
        {phase.kind === 'done' && t('admin.enroll.done')}
        {phase.kind === 'error' && t(phase.key)}
      </p>
    </form>
  );
}
