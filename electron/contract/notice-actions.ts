// The buttons a notice may carry (words: `noticeAction.<code>` in the catalogs). Each sends the very
// intent the restart window sends, through the agent: no second path (the shell's notices.ts and the
// preview's PreviewNotices.tsx invoke these names, so the compiler holds them to contract/actions.ts).
// Kept free of zod: the renderer reads it too.

export const NOTICE_ACTIONS = { 'restart-now': 'updates.restartNow', 'remind-later': 'updates.remindLater' } as const;
export type NoticeAction = keyof typeof NOTICE_ACTIONS;
