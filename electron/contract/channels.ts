import type { ActionName } from './actions';
import type { EventName } from './events';

// IPC channel names, shared by the shell (which binds them) and the preloads (which call them).
export const actionChannel = (name: ActionName): string => `hallo:${name}`;
export const eventChannel = (name: EventName): string => `hallo:event:${name}`;
