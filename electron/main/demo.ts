import type { AgentOptions } from '../agent/ports';

/**
 * In development with no API configured, start the bundled reference hallo, API so that
 * `npm start` shows a working agent (the UI shows a "Demo" badge). The import sits behind
 * import.meta.env.DEV, which production builds replace with false: packaged apps never contain it.
 */
export async function startDemoApi(opts: {
  isPackaged: boolean;
  env: Record<string, string | undefined>;
}): Promise<{ demo: AgentOptions['demo']; close: () => Promise<void> }> {
  const none = { demo: undefined, close: async () => {} };
  if (opts.isPackaged || opts.env.HALLO_API_URL) return none;
  if (import.meta.env.DEV) {
    const { startReferenceApi } = await import('../../tests/reference-api/server');
    const api = await startReferenceApi();
    return { demo: { apiUrl: api.url, enrollmentCode: api.enrollmentCode }, close: () => api.close() };
  }
  return none;
}
