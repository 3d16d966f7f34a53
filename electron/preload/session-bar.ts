import { exposeWindowApi } from './expose';

// The session bar's window.hallo: only "Beëindigen" (remote.end) and state.get for who is watching.
exposeWindowApi('session-bar');
