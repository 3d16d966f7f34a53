import { ActionError } from '../../contract';
import type { DiagnosticsPart } from '../capability';
import type { TicketCreateRequest } from '../hallo-api/types';
import type { Logger } from '../log';
import type { Masker } from '../platform/mask';
import type { Clock } from '../ports';
import { buildDiagnostics, checkDiagnostics, type Diagnostics } from './diagnostics';
import type { CleanDraft } from './draft';
import type { ProcessCache } from './process-cache';
import type { FittedScreenshot } from './screenshot';

export interface TicketBodyDeps {
  log: Logger;
  clock: Clock;
  mask: Masker;
  appVersion: string;
  /** Every capability's part of the diagnostics. */
  parts: (mask: Masker) => Promise<DiagnosticsPart>;
  processes: ProcessCache;
  /** The form's picture, once any fit still running is done. */
  picture: () => Promise<FittedScreenshot | null>;
}

/** The body of POST /tickets for a clean draft: its words, the diagnostics, the screenshot. */
export function createTicketBody(deps: TicketBodyDeps): (draft: CleanDraft) => Promise<TicketCreateRequest> {
  const { log, mask } = deps;

  async function diagnosticsFor(draft: CleanDraft): Promise<Diagnostics> {
    const [parts, top] = await Promise.all([deps.parts(mask), draft.includeProcesses ? deps.processes.forTicket() : null]);
    const diagnostics = buildDiagnostics({ parts, recent: log.recent(), processes: top, appVersion: deps.appVersion, now: deps.clock.now(), mask, relatedItemId: draft.relatedItemId });
    const checked = checkDiagnostics(diagnostics);
    if (checked.ok) return checked.value;
    // Our own bug; the ticket still goes, with the parts most likely at fault left out.
    log.error('diagnostics failed their schema', { errors: checked.errors.slice(0, 1000) });
    const fallback = checkDiagnostics({ ...diagnostics, processes: null, recentErrors: [], checks: [] });
    if (fallback.ok) return fallback.value;
    throw new ActionError('internal', `diagnostics: ${fallback.errors}`);
  }

  return async (draft) => {
    const { contact } = draft;
    const picture = draft.includeScreenshot ? await deps.picture() : null;
    return {
      subject: draft.subject,
      description: draft.description,
      category: draft.category,
      urgency: draft.urgency,
      contact: { name: contact.name, ...(contact.email ? { email: contact.email } : {}), ...(contact.phone ? { phone: contact.phone } : {}) },
      diagnostics: await diagnosticsFor(draft),
      attachments: picture ? [screenshotAttachment(picture.png)] : [],
    };
  };
}

/** The screenshot as the API takes it, on a ticket or a reply. */
export const screenshotAttachment = (png: Buffer) => ({ name: 'screenshot.png', contentType: 'image/png', dataBase64: png.toString('base64') });
