import type { Policy } from '../hallo-api/types';

/**
 * The policy until the API (or the cache) gives the real one. Whatever the agent cannot know
 * yet is empty rather than invented: no phone, e-mail, portal or opening hours (the UI says "not
 * known yet", never a wrong number or "closed"), and no signing keys, so no remote session can be
 * accepted before hallo, has said whose keys to trust. Intervals and limits are the API's defaults;
 * the health thresholds are left out, so the health rules use their own defaults; so is `checks`
 * (checks/rules.ts resolveChecksPolicy fills it in).
 */
export const DEFAULT_POLICY: Policy = {
  support: { phone: '', email: '', portalUrl: '', slaTier: 'standaard', hours: [], timeZone: 'Europe/Amsterdam' },
  tickets: {
    categories: [{ id: 'other', label: { nl: 'Iets anders', en: 'Something else' } }],
    maxAttachmentBytes: 2 * 1024 * 1024,
    maxDescriptionChars: 2000,
  },
  health: { heartbeatSeconds: 300, sampleSeconds: 60 },
  restart: { deadlineHours: 72, deferralMinutes: [60, 240, 480], maxDeferrals: 3, finalCountdownMinutes: 15, graceHours: 4, pickTimes: ['12:30', '18:00'] },
  updates: { checkHours: 4 },
  remote: { consentTimeoutSeconds: 60, onTimeout: 'deny', signingKeys: [] },
};
