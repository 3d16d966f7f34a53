import { defineCapability } from '../capability';
import { createTicketsService } from './service';

/** "Report a problem": the form, the durable outbox, this PC's tickets. */
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
    const tickets = createTicketsService({
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
        // PLACEHOLDER until the conversation is built (issue 10): replaced, never shipped.
        'tickets.openThread': () => Promise.reject(new Error('not built yet')),
        'tickets.closeThread': () => Promise.reject(new Error('not built yet')),
        'tickets.loadOlder': () => Promise.reject(new Error('not built yet')),
        'tickets.addReplyScreenshot': () => Promise.reject(new Error('not built yet')),
        'tickets.removeReplyScreenshot': () => Promise.reject(new Error('not built yet')),
        'tickets.sendReply': () => Promise.reject(new Error('not built yet')),
      },
      // After the connection: the stored enrolment is known, so a waiting ticket goes at once.
      start: () => tickets.start(),
      stop: () => tickets.stop(),
      onPolicy: (policy) => tickets.applyPolicy(policy.tickets),
      onServerEvent: (event) => tickets.onServerEvent(event),
    };
  },
});
