import { TOKEN_SECRET } from '../connection/enrolment';
import type { CapabilityContext } from '../capability';
import { currentUserMasker, type Masker } from './mask';

export const TOKEN_MARK = '<device-token>';
export const CODE_MARK = '<enrolment-code>';

/** Shorter than this, a value could be an ordinary word: codes and tokens are longer (EnrollmentCode: at least 4). */
const MIN_SECRET_CHARS = 4;

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The last pass over anything that leaves the PC as a file (the diagnostics zip, a report): the
 * device token's and the enrolment code's values replaced wherever they appear, after `mask`
 * (the user's name and home folder). The pattern-based masker cannot know these values: a token
 * echoed in an error detail or a code in a log line would slip through it.
 */
export function maskingSecrets(mask: Masker, secrets: readonly { value: string | null | undefined; mark: string }[]): Masker {
  const rules = secrets
    .filter((s): s is { value: string; mark: string } => typeof s.value === 'string' && s.value.trim().length >= MIN_SECRET_CHARS)
    // The longer first: a code inside a token must not leave the token's rest behind.
    .sort((a, b) => b.value.length - a.value.length)
    .map(({ value, mark }) => [new RegExp(escape(value.trim()), 'gi'), mark] as const);
  return (text) => rules.reduce((out, [pattern, mark]) => out.replace(pattern, mark), mask(text));
}

/**
 * This agent's masker for exports: the current user, then the stored device token and every
 * enrolment code it may know (managed configuration or environment, the demo's). A token that
 * cannot be read is not in the file either, so there is nothing to mask then.
 */
export async function exportMasker(ctx: Pick<CapabilityContext, 'ports' | 'config' | 'options'>): Promise<Masker> {
  const token = await ctx.ports.secrets.get(TOKEN_SECRET).catch(() => null);
  return maskingSecrets(currentUserMasker(), [
    { value: token, mark: TOKEN_MARK },
    { value: ctx.config().config.enrollmentCode, mark: CODE_MARK },
    { value: ctx.options.demo?.enrollmentCode, mark: CODE_MARK },
  ]);
}
