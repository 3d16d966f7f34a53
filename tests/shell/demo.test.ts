import { describe, expect, it } from 'vitest';
import { startDemoApi } from '../../electron/main/demo';

describe('demo API for development (electron/main/demo.ts)', () => {
  it('never starts in a packaged app, nor when an API URL is configured', async () => {
    expect((await startDemoApi({ isPackaged: true, env: {} })).demo).toBeUndefined();
    expect((await startDemoApi({ isPackaged: false, env: { HALLO_API_URL: 'https://agent.hallo.eu/v1' } })).demo).toBeUndefined();
  });

  it('in development without an API URL, starts the reference API and hands its URL and code', async () => {
    const { demo, close } = await startDemoApi({ isPackaged: false, env: {} });
    try {
      expect(demo?.apiUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/);
      expect(demo?.enrollmentCode).toBeTruthy();
      const response = await fetch(`${demo!.apiUrl}/enroll`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ enrollmentCode: 'WRONG-CODE', device: {} }),
      });
      expect(response.status).toBeGreaterThanOrEqual(400);
    } finally {
      await close();
    }
  });
});
