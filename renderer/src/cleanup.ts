import type { Language, SizeUnits } from '../../electron/contract';
import type { ActionResult } from '../../electron/contract/actions';
import { ActionError } from '../../electron/contract/errors';
import { sizeText } from './format';

type Translate = (key: string, params?: Record<string, unknown>) => string;
export type CleanTempResult = ActionResult<'checks.cleanTemp'>;

/**
 * What "Tijdelijke bestanden opruimen" did, in the employee's words: the size freed (counted as
 * the PC's file manager counts it) and the files removed, the files in use that were left, or why
 * nothing happened. `failure` is what the action threw (an ActionError says which).
 */
export function cleanupSaid(
  outcome: { result: CleanTempResult } | { failure: unknown },
  units: SizeUnits,
  language: Language,
  t: Translate,
): string[] {
  if ('failure' in outcome) return [t(`errors.${outcome.failure instanceof ActionError ? outcome.failure.code : 'internal'}`)];
  const { result } = outcome;
  if (result.outcome === 'failed') return [t('cleanup.failed')];
  if (result.outcome === 'running') return [t('cleanup.busy')];
  const size = sizeText(result.freedBytes, units, language);
  const said = result.removed === 0 ? [t('cleanup.nothing')] : [t('cleanup.cleaned', { count: result.removed, size: t(size.key, size.params) })];
  if (result.skipped > 0) said.push(t('cleanup.skipped', { count: result.skipped }));
  return said;
}
