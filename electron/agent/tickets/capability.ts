import { defineCapability } from '../capability';
import { createTicketsWithConversation } from './conversation';
import { followUpDelay } from '../hallo-api/follow-up';

/** "Report a problem": the form, the durable outbox, this PC's tickets and the conversation on each. */
export const ticketsCapability = defineCapability({
  name: 'tickets',
  slices: ['tickets'],
  initial: () => ({
    tickets: {
      categories: [],
      maxDescriptionChars: 2000,
      maxAttachmentBytes: 2 * 1024 * 1024,
      contact: { name: '', phone: '', email: '' },
      report: null,
      outbox: [],
      damaged: [],
      list: [],
      listUpdatedAt: null,
      thread: null,
      waitingForYou: 0,
    },
  }),
  create(ctx, store) {
    const { service: tickets, conversation } = createTicketsWithConversation({
      store,
      log: ctx.log,
      clock: ctx.clock,
      screen: ctx.ports.screen,
      dataDir: ctx.dataDir,
      appVersion: ctx.options.appVersion,
      api: ctx.api,
      diagnostics: ctx.diagnostics,
      onNotice: ctx.notify,
      backoff: ctx.options.api?.backoffBaseMs === undefined ? undefined : { baseMs: ctx.options.api.backoffBaseMs },
      firstListDelayMs: followUpDelay(ctx.options),
    });
    return {
      actions: {
        'tickets.startReport': ({ relatedItemId }) => tickets.startReport(relatedItemId),
        'tickets.cancelReport': () => tickets.cancelReport(),
        'tickets.removeScreenshot': () => tickets.removeScreenshot(),
        'tickets.preview': ({ draft }) => tickets.preview(draft),
        'tickets.submit': ({ draft }) => tickets.submit(draft),
        'tickets.reopen': ({ id }) => tickets.reopen(id),
        'tickets.dismiss': ({ id }) => tickets.dismiss(id),
        'tickets.refresh': () => tickets.refresh(),
        'tickets.openThread': ({ ticketId }) => conversation.openThread(ticketId),
        'tickets.closeThread': () => conversation.closeThread(),
        'tickets.loadOlder': () => conversation.loadOlder(),
        'tickets.addReplyScreenshot': () => conversation.addReplyScreenshot(),
        'tickets.removeReplyScreenshot': () => conversation.removeReplyScreenshot(),
        'tickets.sendReply': ({ draft }) => conversation.sendReply(draft),
      },
      // After the connection: the stored enrolment is known, so a waiting ticket goes at once.
      // The marks of what was told are known before the first list can bring news.
      start: async () => {
        await conversation.start();
        await tickets.start();
      },
      stop: async () => {
        await conversation.stop();
        await tickets.stop();
      },
      onPolicy: (policy) => tickets.applyPolicy(policy.tickets),
      onServerEvent: (event) => {
        tickets.onServerEvent(event);
        conversation.onServerEvent(event);
      },
    };
  },
});
