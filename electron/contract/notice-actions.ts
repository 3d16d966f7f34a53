import type { ActionName } from './actions';

// The buttons a notice may carry (words: `noticeAction.<code>` in the catalogs). Each sends the very
// intent the restart window sends, through the agent: no second path. Kept free of zod: the
// renderer reads it too.

export const NOTICE_ACTIONS = { 'restart-now': 'updates.restartNow', 'remind-later': 'updates.remindLater' } as const satisfies Record<string, ActionName>;
export type NoticeAction = keyof typeof NOTICE_ACTIONS;
