import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';
import { META_CONTENT_SECURITY_POLICY } from './electron/contract/csp';
import { apiValidatorFiles, BUNDLED_IN_MAIN, latin1Source } from './build/main-bundle';

// The built page carries its own CSP as well as the one the app:// protocol (or the preview host)
// sends. Only in builds: the dev server's React refresh needs an inline script, and `npm start`
// in development loads the page from that server.
const cspMeta: Plugin = {
  name: 'hallo-csp-meta',
  apply: 'build',
  transformIndexHtml: () => [
    { tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: META_CONTENT_SECURITY_POLICY }, injectTo: 'head-prepend' },
  ],
};

// One build for the shell (main + preloads) and the renderer. The renderer bundle is the same
// for Electron (app://) and the preview (served over http with a WebSocket bridge).
export default defineConfig({
  main: {
    // build/main-bundle.ts: why zod is bundled, the output kept Latin-1 and the API's validators
    // left in files beside it (the agent's memory).
    plugins: [latin1Source(), apiValidatorFiles()],
    build: {
      outDir: 'out/main',
      sourcemap: false,
      externalizeDeps: { exclude: BUNDLED_IN_MAIN },
      rollupOptions: { input: { index: resolve('electron/main/index.ts') } },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      sourcemap: false,
      // Sandboxed preloads cannot be ES modules: emit CommonJS, everything bundled in. Nor can they
      // require a shared chunk: each window's preload is built on its own (isolatedEntries).
      externalizeDeps: false,
      isolatedEntries: true,
      rollupOptions: {
        input: {
          popup: resolve('electron/preload/popup.ts'),
          restart: resolve('electron/preload/restart.ts'),
          consent: resolve('electron/preload/consent.ts'),
          'session-bar': resolve('electron/preload/session-bar.ts'),
          capture: resolve('electron/preload/capture.ts'),
        },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'renderer',
    plugins: [react(), cspMeta],
    build: {
      outDir: 'out/renderer',
      sourcemap: false,
      minify: true,
      // The CSP allows no inline script: vite's inline modulepreload polyfill would be refused.
      modulePreload: { polyfill: false },
      rollupOptions: {
        input: {
          index: resolve('renderer/index.html'),
          restart: resolve('renderer/restart.html'),
          consent: resolve('renderer/consent.html'),
          'session-bar': resolve('renderer/session-bar.html'),
          capture: resolve('renderer/capture.html'),
        },
      },
    },
  },
});
