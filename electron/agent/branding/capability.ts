import type { BrandingState } from '../../contract';
import { defineCapability } from '../capability';
import type { Policy } from '../hallo-api/types';
import { planBranding, type BrandingPlan } from './judge';
import { fetchLogo } from './logo';
import { LogoCache, logoDataUrl, type CachedLogo } from './logo-cache';

export const INITIAL_BRANDING: BrandingState = { accentColor: null, logo: null, links: [], problems: [] };

/** A logo server that did not answer is asked again this often while the policy names it (the cached or default logo shows meanwhile). */
export const LOGO_RETRY_MS = 30 * 60_000;

/**
 * The customer's accent colour, logo and links from Policy.branding (judge.ts), the logo fetched
 * through the HTTP port (logo.ts) and kept in <data>/branding/ (logo-cache.ts): the cached one
 * shows at start and offline; a changed URL is fetched anew, an unchanged one is not.
 */
export const brandingCapability = defineCapability({
  name: 'branding',
  slices: ['branding'],
  initial: () => ({ branding: INITIAL_BRANDING }),
  create(ctx, store) {
    const log = ctx.log.child('branding');
    const cache = new LogoCache(ctx.dataDir, log);
    let cached: CachedLogo | null = null;
    let started = false;
    let stopped = false;
    let retry: unknown = null;
    const stopping = new AbortController();
    /** One policy judged at a time, in order: a newer policy's logo never lands before an older one's. */
    let work: Promise<void> = Promise.resolve();
    let writes: Promise<void> = Promise.resolve();
    const queue = (step: () => Promise<void>) => (work = work.then(step).catch((error: unknown) => log.error('branding failed', { error: String(error) })));

    const publish = (plan: BrandingPlan, logo: CachedLogo | null, logoProblem: BrandingPlan['problems'][number] | null) => {
      if (stopped) return;
      store.set('branding', {
        accentColor: plan.accentColor,
        logo: logo && logo.url === plan.logoUrl ? { dataUrl: logoDataUrl(logo.logo), width: logo.logo.width, height: logo.logo.height } : null,
        links: plan.links,
        problems: logoProblem ? [...plan.problems, logoProblem] : plan.problems,
      });
    };

    const apply = async (policy: Policy) => {
      ctx.clock.clearTimeout(retry);
      retry = null;
      const plan = planBranding(policy.branding, {
        portalUrl: policy.support.portalUrl,
        allowedLinkHosts: ctx.config().config.allowedLinkHosts ?? [],
      });
      for (const problem of plan.problems) log.warn(`branding left out: ${problem.field}`, { code: problem.code, detail: problem.detail });
      publish(plan, cached, null);
      if (plan.logoUrl === null || cached?.url === plan.logoUrl) return;
      const fetched = await fetchLogo(plan.logoUrl, { http: ctx.ports.http, clock: ctx.clock, stop: stopping.signal });
      if (stopped) return;
      if (!fetched.ok) {
        log.warn('the logo was not taken: the default shows', { code: fetched.problem.code, detail: fetched.problem.detail });
        publish(plan, cached, fetched.problem);
        if (fetched.problem.code === 'logo-unreachable') retry = ctx.clock.setTimeout(() => void queue(() => apply(ctx.policy())), LOGO_RETRY_MS);
        return;
      }
      const logo = { url: plan.logoUrl, logo: fetched.logo };
      cached = logo;
      publish(plan, cached, null);
      writes = writes.then(() => cache.save(logo)); // in order; stop() waits for it, the next policy need not

    };

    return {
      actions: {},
      async start() {
        cached = await cache.load();
        started = true;
        // The fetch goes on in the background: the capabilities after this one need not wait for a logo.
        void queue(() => apply(ctx.policy()));
      },
      onPolicy(policy) {
        // The cached policy arrives before this capability starts (connection starts first): start() judges it then.
        if (started) void queue(() => apply(policy));
      },
      async stop() {
        stopped = true;
        ctx.clock.clearTimeout(retry);
        stopping.abort();
        await work;
        await writes;
      },
    };
  },
});
