import { DEFAULT_CHECKS_POLICY } from '../../electron/agent/checks/rules';
import type { components } from '../../electron/agent/hallo-api/openapi';

export type Policy = components['schemas']['Policy'];
export type SigningKey = components['schemas']['SigningKey'];

/**
 * The reference server's policy: clearly demo data (hallo,'s real numbers live in the portal).
 * `signingKey` is the server's own public key, so that its remote-session requests verify.
 */
export function demoPolicy(signingKey: SigningKey, override: Partial<Policy> = {}): Policy {
  const base: Policy = {
    support: {
      phone: '088 - 123 45 67',
      email: 'servicedesk@hallo.eu',
      portalUrl: 'https://mijn.hallo.eu',
      slaTier: 'standaard',
      hours: [{ days: [1, 2, 3, 4, 5], from: '08:00', to: '17:30' }],
      timeZone: 'Europe/Amsterdam',
    },
    tickets: {
      categories: [
        { id: 'slow', label: { nl: 'Mijn computer is traag', en: 'My computer is slow' } },
        { id: 'print', label: { nl: 'Printen lukt niet', en: 'Printing does not work' } },
        { id: 'email', label: { nl: 'E-mail', en: 'Email' } },
        { id: 'internet', label: { nl: 'Internet', en: 'Internet' } },
        { id: 'login', label: { nl: 'Inloggen', en: 'Signing in' } },
        { id: 'other', label: { nl: 'Iets anders', en: 'Something else' } },
      ],
      maxAttachmentBytes: 2 * 1024 * 1024,
      maxDescriptionChars: 2000,
    },
    health: { heartbeatSeconds: 300, sampleSeconds: 60 },
    restart: { deadlineHours: 72, deferralMinutes: [60, 240, 480], maxDeferrals: 3, finalCountdownMinutes: 15, graceHours: 4, pickTimes: ['12:30', '18:00'] },
    updates: { checkHours: 4 },
    remote: { consentTimeoutSeconds: 60, onTimeout: 'deny', signingKeys: [signingKey] },
    // The agent's defaults written out, so that a portal (PUT /portal/policy) sees each threshold it may change.
    checks: { ...DEFAULT_CHECKS_POLICY, enabled: { ...DEFAULT_CHECKS_POLICY.enabled }, officeMinimumBuilds: {} },
  };
  const policy = { ...base, ...override };
  // The calamiteitendienst exists only with a 24x7 contract.
  if (policy.support.slaTier === '24x7' && !policy.support.emergencyPhone) {
    policy.support = { ...policy.support, emergencyPhone: '088 - 123 45 99' };
  }
  return policy;
}
