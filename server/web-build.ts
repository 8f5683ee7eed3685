// Builds the web app when its sources are newer than the last build, so `npm install && npm start` on
// a fresh clone serves the screens without a separate step (built files are never committed).
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const webDir = join(import.meta.dirname, '../web');

function newestChange(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newestChange(join(path, name))));
}

/** Whether web/dist is missing or older than any source of the web app. */
export function isWebBuildStale(): boolean {
  const built = join(webDir, 'dist/index.html');
  if (!existsSync(built)) return true;
  const sources = Math.max(newestChange(join(webDir, 'src')), newestChange(join(webDir, 'index.html')), newestChange(join(webDir, 'vite.config.ts')));
  return sources > statSync(built).mtimeMs;
}

/** Builds web/dist with Vite when stale; without Vite (a production install) says what to do. */
export async function buildWebIfStale(log: (message: string) => void): Promise<void> {
  if (!isWebBuildStale()) return;
  let vite: typeof import('vite');
  try {
    vite = await import('vite');
  } catch {
    log('The web app is not built and Vite is not installed: run `npm install` then `npm run build` (serving the API only).');
    return;
  }
  log('Building the web app (once, after changes to web/)…');
  await vite.build({ configFile: join(webDir, 'vite.config.ts'), logLevel: 'warn' });
}
