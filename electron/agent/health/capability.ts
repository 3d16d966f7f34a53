import { defineCapability } from '../capability';
import { healthDiagnostics, healthHeartbeat } from './diagnostics';
import { createHistoryFile } from './history-file';
import { resolveThresholds } from './rules';
import { createHealthService } from './service';

/** The PC's health: samples, judges by the policy's thresholds, keeps 24 hours of history on disk. */
export const healthCapability = defineCapability({
  name: 'health',
  slices: ['health', 'device'],
  initial: () => ({ device: null, health: { collectedAt: null, items: [], figures: null, history: [] } }),
  create(ctx, store) {
    const historyFile = createHistoryFile({ dataDir: ctx.dataDir, log: ctx.log.child('health'), clock: ctx.clock });
    const health = createHealthService({
      store,
      log: ctx.log,
      clock: ctx.clock,
      thresholds: () => resolveThresholds(ctx.policy().health.thresholds),
      sampleSeconds: () => ctx.policy().health.sampleSeconds,
      historyFile,
      systemDrive: process.env.SystemDrive,
    });
    let sampled: () => void = () => undefined;
    // The first heartbeat waits for the first sample (bounded by the probes' timeouts), so that none goes out empty.
    const firstSample = new Promise<void>((done) => (sampled = done));
    return {
      actions: { 'health.refresh': () => health.refresh() },
      start() {
        health.start();
        void health.refresh().then(sampled); // joins the sample start() began
      },
      async stop() {
        health.stop();
        await historyFile.flush(); // the last minute's samples too
      },
      onPolicy(policy, previous) {
        // Judge the PC by new rules now, not at the next sample.
        if (JSON.stringify(policy.health.thresholds) !== JSON.stringify(previous.health.thresholds)) void health.refresh();
      },
      async heartbeat() {
        await firstSample;
        return healthHeartbeat(store.get());
      },
      async diagnostics(mask) {
        return healthDiagnostics({ state: store.get(), device: await health.device(), appVersion: ctx.options.appVersion, mask });
      },
      device: () => health.device(),
    };
  },
});
