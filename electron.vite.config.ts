import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

// One build for the shell (main + preloads) and the renderer. The renderer bundle is the same
// for Electron (app://) and the preview (served over http with a WebSocket bridge).
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      sourcemap: false,
      rollupOptions: { input: { index: resolve('electron/main/index.ts') } },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      sourcemap: false,
      // Sandboxed preloads cannot be ES modules: emit CommonJS, everything bundled in.
      externalizeDeps: false,
      rollupOptions: {
        input: { popup: resolve('electron/preload/popup.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'renderer',
    plugins: [react()],
    build: {
      outDir: 'out/renderer',
      sourcemap: false,
      rollupOptions: { input: { index: resolve('renderer/index.html') } },
    },
  },
});
