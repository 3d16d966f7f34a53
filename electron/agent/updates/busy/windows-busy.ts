import { z } from 'zod';
import type { Parsed } from '../types';
import { NOT_BUSY, type BusyReading } from './reading';

/*
 * The JSON document the Windows busy script prints (busy/windows-busy-script.ts), read once here:
 *
 * {
 *   "schema": 1,
 *   "quns": 1..7 | null,             // SHQueryUserNotificationState: 1 not present (locked, screen
 *                                    // saver), 2 busy, 3 Direct3D full screen, 4 presentation mode,
 *                                    // 5 accepts notifications, 6 quiet time, 7 a Windows Store app full screen
 *   "qunsError": "<message>" | null,
 *   "focusAssist": 0 | 1 | 2 | null, // WNF_SHEL_QUIETHOURS_ACTIVE_PROFILE_CHANGED (community, Windows 10
 *                                    // 1803+): 0 off, 1 priority only, 2 alarms only
 *   "focusAssistError": "<message>" | null,
 *   "microphone": ["<key name>", …] // apps holding the microphone now: ConsentStore\microphone
 *                                    // keys whose LastUsedTimeStop is 0 (NonPackaged: a path with # for \)
 * }
 *
 * QUNS alone is not enough: it says "accepts notifications" while Do Not Disturb is on
 * (PSAppDeployToolkit#2056); Focus Assist and the microphone are asked beside it.
 */
export const WindowsBusyDocument = z.object({
  schema: z.literal(1),
  quns: z.number().int().nullable(),
  qunsError: z.string().nullish(),
  focusAssist: z.number().int().nullable(),
  focusAssistError: z.string().nullish(),
  // ConvertTo-Json makes an empty @() null and may make one element a bare string.
  microphone: z.union([z.array(z.string()), z.string()]).nullable(),
});

const BY_QUNS: Record<number, BusyReading> = {
  2: { busy: true, reason: 'busy', app: null },
  3: { busy: true, reason: 'full-screen', app: null },
  4: { busy: true, reason: 'presentation', app: null },
  6: { busy: true, reason: 'quiet-time', app: null },
};

/** The app's own name from its consent key: `Microsoft.Teams_8wekyb3d8bbwe`, or the file of a NonPackaged path. */
const appName = (key: string) => key.split('#').pop()!.replace(/\.exe$/i, '') || key;

export function parseWindowsBusy(text: string): Parsed<BusyReading> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { unreadable: 'not JSON' };
  }
  return windowsBusyOf(json);
}

/** The document as the PowerShell host hands it over (already JSON). A call comes first: it is the one an interruption hurts most. */
export function windowsBusyOf(json: unknown): Parsed<BusyReading> {
  const parsed = WindowsBusyDocument.safeParse(json);
  if (!parsed.success) return { unreadable: `not the busy script's document: ${parsed.error.issues[0]?.path.join('.') || 'shape'}` };
  const doc = parsed.data;
  const microphone = typeof doc.microphone === 'string' ? [doc.microphone] : (doc.microphone ?? []);
  if (microphone.length > 0) return { value: { busy: true, reason: 'in-a-call', app: appName(microphone[0]!) } };
  const byQuns = doc.quns === null ? undefined : BY_QUNS[doc.quns];
  if (byQuns) return { value: byQuns };
  if (doc.focusAssist === 1 || doc.focusAssist === 2) return { value: { busy: true, reason: 'focus-assist', app: null } };
  if (doc.quns === null && doc.focusAssist === null) return { unreadable: `neither the notification state nor Focus Assist could be read: ${doc.qunsError ?? doc.focusAssistError ?? 'no reason given'}` };
  return { value: NOT_BUSY };
}
