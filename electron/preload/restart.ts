import { exposeWindowApi } from './expose';

// The restart window's window.hallo: only what the prompt may do (defer to an offered time,
// remind later, restart now) and state.get for what it shows.
exposeWindowApi('restart');
