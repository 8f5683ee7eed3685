// Component tests in a real browser: Vite's dev server serves web/harness (which mounts one component
// with the app's providers and sample metadata) and Debian's Chromium drives it through playwright-core.
// API calls are answered by the test with `page.route`, so each test says exactly what the server says.
import { chromium, type Browser, type Page } from 'playwright-core';
import { createServer, type ViteDevServer } from 'vite';

export interface Harness {
  open: (component: string, params?: Record<string, string>) => Promise<Page>;
  close: () => Promise<void>;
}

/** Starts the dev server and the browser once for a test file. */
export async function startHarness(): Promise<Harness> {
  const root = new URL('..', import.meta.url).pathname;
  const server: ViteDevServer = await createServer({
    configFile: new URL('../vite.config.ts', import.meta.url).pathname,
    root,
    logLevel: 'error',
    server: { host: '127.0.0.1', port: 0, strictPort: false, hmr: false, proxy: {} },
  });
  await server.listen();
  const base = server.resolvedUrls?.local[0] ?? '';
  const browser: Browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync', '--disable-dev-shm-usage'],
  });
  return {
    async open(component, params = {}) {
      const page = await browser.newPage({ viewport: { width: 1100, height: 800 } });
      await page.goto(`${base}harness/index.html?${new URLSearchParams({ component, ...params })}`);
      return page;
    },
    async close() {
      await browser.close();
      await server.close();
    },
  };
}
