import { exposeWindowApi } from './expose';

// The popup's window.hallo: the popup's actions only (contract/actions.ts `windows`).
exposeWindowApi('popup');
