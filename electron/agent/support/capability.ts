import { defineCapability } from '../capability';
import { createSupportService } from './service';

/** The servicedesk as the policy describes it, and whether it is open now. */
export const supportCapability = defineCapability({
  name: 'support',
  slices: ['support'],
  initial: () => ({
    support: {
      phone: '',
      email: '',
      portalUrl: null,
      emergencyPhone: null,
      slaTier: 'standaard',
      hours: [],
      timeZone: 'Europe/Amsterdam',
      openNow: false,
      nextChangeAt: null,
      urgentAdvice: { 'can-work': null, 'cannot-work': 'closed', 'several-cannot-work': 'closed' },
    },
  }),
  create(ctx, store) {
    const support = createSupportService({ store, clock: ctx.clock });
    return {
      actions: {},
      onPolicy: (policy) => support.apply(policy.support),
      stop: () => support.stop(),
    };
  },
});
