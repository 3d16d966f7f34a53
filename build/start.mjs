// `npm start`: the Electron app in development (electron-vite dev), after making sure the Electron
// binary is there. npm 11 does not run electron's postinstall (see allowScripts in package.json),
// so the binary is fetched here, on first start, by electron's own installer. Where it cannot be
// fetched (no internet, a blocking proxy) this says so in one sentence and points to the preview,
// which needs Node only. Plain JavaScript: it must run before anything is built.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const electronDir = dirname(require.resolve('electron/package.json'));

/** The binary is there when electron's path.txt names a file that exists (as electron's index.js checks). */
function hasElectronBinary() {
  try {
    return existsSync(join(electronDir, 'dist', readFileSync(join(electronDir, 'path.txt'), 'utf8')));
  } catch {
    return false;
  }
}

/** The installer's own reason, for the one sentence: its first "…Error: reason" line. */
function reasonOf(stderr) {
  const line = stderr.split('\n').find((l) => /Error\b.*:/.test(l));
  return line ? line.replace(/^.*?Error:\s*/, '').trim() : '';
}

if (!hasElectronBinary()) {
  console.log('Fetching the Electron binary (first start only)…');
  const install = spawnSync(process.execPath, [join(electronDir, 'install.js')], { stdio: ['ignore', 'inherit', 'pipe'], encoding: 'utf8' });
  if (install.status !== 0 || !hasElectronBinary()) {
    const reason = reasonOf(install.stderr ?? '');
    console.error(
      `The Electron binary could not be downloaded${reason ? ` (${reason})` : ''}, so the app cannot start here: run \`npm run preview\` to use the same agent and popup in a browser instead.`,
    );
    process.exit(1);
  }
}

const dev = spawn(process.execPath, [require.resolve('electron-vite/bin/electron-vite.js'), 'dev', ...process.argv.slice(2)], { stdio: 'inherit' });
dev.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
