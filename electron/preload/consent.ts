import { exposeWindowApi } from './expose';

// The consent window's window.hallo: only the answer to the one pending remote-support request
// (remote.answer) and state.get for what it shows.
exposeWindowApi('consent');
