import { useTranslation } from 'react-i18next';
import type { Language } from '../../../../electron/contract';
import { localizeParams } from '../../format';

/** A refused field as the agent names it (`DraftProblem`, `ReplyProblem`). */
interface Problem {
  field: string;
  code: string;
  params?: Record<string, string | number> | undefined;
}

/** Why the agent refused a field, in words (`draft.problem.<code>`), numbers as the language writes them. */
export function useProblemText(language: Language): (problem: Problem) => string {
  const { t } = useTranslation();
  return (problem) => t(`draft.problem.${problem.code}`, localizeParams(problem.params ?? {}, language));
}

/** "Kijk dit even na:" and each problem with its field, above a form; the fields say it again where they are. */
export function ProblemList({ problems, language }: { problems: readonly Problem[]; language: Language }) {
  const { t } = useTranslation();
  const text = useProblemText(language);
  if (problems.length === 0) return null;
  return (
    <div className="alert">
      <p>{t('report.problemsTitle')}</p>
      <ul className="problem-list">
        {problems.map((p, index) => (
          <li key={`${p.field}:${p.code}:${index}`}>{t('report.problemAt', { field: t(`draft.field.${p.field}`), problem: text(p) })}</li>
        ))}
      </ul>
    </div>
  );
}
