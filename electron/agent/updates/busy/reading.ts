// What "busy" means to the restart planner: a due prompt waits (capped by BUSY_CAP) while the
// employee presents, plays full screen, is in a call or has asked for quiet. Codes only; the
// reason and the app go into the log and `npm run probe -- run busy`, never to the employee.

export type BusyReason =
  | 'in-a-call' // Windows: an app holds the microphone now (CapabilityAccessManager)
  | 'presentation' // Windows QUNS_PRESENTATION_MODE
  | 'full-screen' // Windows QUNS_RUNNING_D3D_FULL_SCREEN
  | 'busy' // Windows QUNS_BUSY: a full-screen app or presentation settings
  | 'quiet-time' // Windows QUNS_QUIET_TIME: the first hour after a new user's first login
  | 'focus-assist' // Windows Focus Assist (do not disturb), priority only or alarms only
  | 'display-awake'; // macOS: an app keeps the display awake (a call, a presentation, a video)

export type BusyReading = { busy: false } | { busy: true; reason: BusyReason; app: string | null };

export const NOT_BUSY: BusyReading = { busy: false };
