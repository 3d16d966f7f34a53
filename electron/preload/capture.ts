import { exposeWindowApi } from './expose';

// The hidden capture window's window.hallo: its signalling messages and its status to the agent
// (remote.captureSignal, remote.captureStatus); it hears the agent's `remote.capture` commands.
exposeWindowApi('capture');
