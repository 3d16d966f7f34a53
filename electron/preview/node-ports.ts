import { join } from 'node:path';
import type { AgentPorts, ScreenCapture } from '../agent/ports';
import { createFileSecretStore } from '../agent/secrets-file';
import { createNodeHttp } from './node-http';

/** Ports backed by plain Node, for the preview host, integration tests and the benchmarks. */
export function createNodePorts(opts: { dataDir: string; configFiles?: string[]; screen?: ScreenCapture }): AgentPorts {
  return {
    clock: {
      now: () => Date.now(),
      setTimeout: (fn, ms) => setTimeout(fn, ms),
      clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
    },
    http: createNodeHttp(),
    secrets: createFileSecretStore(join(opts.dataDir, 'secrets')),
    idle: { idleSeconds: () => 0 },
    screen: opts.screen ?? { capture: async () => null },
    paths: { dataDir: opts.dataDir, configFiles: opts.configFiles ?? [] },
  };
}
