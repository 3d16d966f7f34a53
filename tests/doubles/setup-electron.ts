import Module, { createRequire } from 'node:module';
import { resolve } from 'node:path';
import * as double from './electron';

// vitest's alias only reaches ES imports that vite transforms. Dependencies loaded by Node's own
// CommonJS loader (electron-updater does `require('electron')`) would get the real package, whose
// index.js only returns a path to a binary we do not have. Put the double in the require cache
// under the id Node resolves `electron` to, so they get the same object the tests see.
const require = createRequire(import.meta.url);

function electronId(): string {
  try {
    return require.resolve('electron');
  } catch {
    // Package not installed: answer `electron` with a stable id of our own.
    const id = resolve('node_modules/electron/index.js');
    const internals = Module as unknown as { _resolveFilename: (request: string, ...rest: unknown[]) => string };
    const original = internals._resolveFilename;
    internals._resolveFilename = (request, ...rest) => (request === 'electron' ? id : original(request, ...rest));
    return id;
  }
}

const id = electronId();
const entry = new Module(id);
entry.filename = id;
entry.loaded = true;
entry.exports = { ...double.default, default: double.default };
require.cache[id] = entry;

// Electron always sets this; electron-updater reads it on load.
const electronProcess = process as NodeJS.Process & { resourcesPath?: string };
electronProcess.resourcesPath ??= double.app.getPath('resources');
