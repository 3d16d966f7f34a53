import { z } from 'zod';
import { CHECK_IDS } from './status-codes';

// One line of a checklist, kept apart from state.ts so that every slice that has checklist lines
// (health, updates) can use it without importing the whole state.

export const Severity = z.enum(['ok', 'attention', 'problem', 'unknown']);
export type Severity = z.infer<typeof Severity>;

export const CheckId = z.enum(CHECK_IDS);
export type CheckId = z.infer<typeof CheckId>;

const ParamValue = z.union([z.string(), z.number(), z.boolean()]);

/**
 * One line of the popup's checklist. `code` is a message key (`health.<check>.<state>`), params
 * fill it in. The agent builds items only from the table in status-codes.ts (`TypedStatusItem`);
 * the schema stays a string so that the popup can still say something for a code it does not know.
 * A probe that failed or hung gives severity `unknown`, code `health.unknown`, and params.reason
 * `timeout` | `error` | `unsupported`.
 */
export const StatusItem = z.object({
  id: z.string(), // stable per subject, e.g. `disk-space:C:` or `memory`
  check: CheckId,
  severity: Severity,
  code: z.string(),
  params: z.record(z.string(), ParamValue),
});
export type StatusItem = z.infer<typeof StatusItem>;
