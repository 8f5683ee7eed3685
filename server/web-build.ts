// Builds the web app when its sources are newer than the last build, so `npm install && npm start` on
// a fresh clone serves the screens without a separate step (built files are never committed).
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const defaultWebDir = join(import.meta.dirname, '../web');

function newestChange(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newestChange(join(path, name))));
}

/** Whether web/dist is missing or older than any source of the web app. */
export function isWebBuildStale(webDir = defaultWebDir): boolean {
  const built = join(webDir, 'dist/index.html');
  if (!existsSync(built)) return true;
  const sources = Math.max(newestChange(join(webDir, 'src')), newestChange(join(webDir, 'index.html')), newestChange(join(webDir, 'vite.config.ts')));
  return sources > statSync(built).mtimeMs;
}

/** Vite's command-line script, or undefined in a production install (no dev dependencies). */
function viteCli(): string | undefined {
  try {
    return join(dirname(createRequire(import.meta.url).resolve('vite/package.json')), 'bin/vite.js');
  } catch {
    return undefined;
  }
}

/**
 * Builds web/dist with Vite when stale; without Vite (a production install) says what to do. The
 * build runs in a child process: Vite and its bundler loaded into the server stayed resident for its
 * whole life (~100 MB more RSS on the first start of a fresh clone).
 */
export async function buildWebIfStale(log: (message: string) => void, webDir = defaultWebDir): Promise<void> {
  if (!isWebBuildStale(webDir)) return;
  const cli = viteCli();
  if (!cli) {
    log('The web app is not built and Vite is not installed: run `npm install` then `npm run build` (serving the API only).');
    return;
  }
  log('Building the web app (once, after changes to web/)…');
  const child = spawn(process.execPath, [cli, 'build', webDir, '--logLevel', 'warn'], { stdio: 'inherit' });
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', resolve);
  });
  if (code !== 0) throw new Error(`The web app could not be built (vite exited with code ${code}); see the messages above.`);
}
