// Browser journeys run the real server (fresh embedded database, the built web app) and Debian's
// Chromium through playwright-core; each journey saves screenshots under e2e/screenshots/.
import { mkdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startTestApp, type TestContext } from '../server/testing.ts';
import { ensureUser } from '../server/platform/auth/users.ts';
import { setPassword } from '../server/platform/auth/passwords.ts';

export const screenshots = join(import.meta.dirname, 'screenshots');
export const PASSWORD = 'e2e journey passphrase 2026';

export interface Journey {
  t: TestContext;
  baseUrl: string;
  browser: Browser;
  close: () => Promise<void>;
}

/** The server on a free port and a headless Chromium; `options` go to the app (e.g. a working job system). */
export async function startJourney(options: Parameters<typeof startTestApp>[0] = {}): Promise<Journey> {
  mkdirSync(screenshots, { recursive: true });
  const t = await startTestApp(options);
  const baseUrl = await t.app.listen({ port: 0, host: '127.0.0.1' });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync', '--disable-dev-shm-usage'],
  });
  return {
    t,
    baseUrl,
    browser,
    // Bounded: a page left open by a failed journey must not keep the run waiting for ever.
    close: async () => {
      await withinMs(browser.close(), 15_000, 'closing the browser');
      await withinMs(t.close(), 30_000, 'closing the app');
    },
  };
}

/** Waits for `work`, but at most `ms`: then reports what did not finish and moves on. */
async function withinMs(work: Promise<unknown>, ms: number, what: string): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<void>((resolve) => {
    timer = setTimeout(() => {
      console.error(`e2e: ${what} took over ${ms} ms; going on`);
      resolve();
    }, ms);
  });
  await Promise.race([work, late]).finally(() => clearTimeout(timer));
}

/** A user who signs in with a password (Chinese unless told otherwise). */
let people = 0;

export async function createPerson(j: Journey, name: string, options: { roleKey?: string; locale?: 'en' | 'zh-CN' } = {}) {
  const email = `person${++people}@e2e.example.com`;
  const { id } = await ensureUser(j.t.db, { email, name, roleKey: options.roleKey ?? 'administrator', locale: options.locale ?? 'zh-CN' });
  await setPassword(j.t.db, id, PASSWORD);
  return { id, email };
}

const checkedSignInPages = new Set<string>();

/** A new browser page at the given width, signed in as `email`. */
export async function signIn(j: Journey, email: string, width = 1280, locale = 'zh-CN'): Promise<Page> {
  const context = await j.browser.newContext({ viewport: { width, height: 860 }, locale });
  const page = await context.newPage();
  await page.addInitScript((language) => localStorage.setItem('guanxi.language', language), locale);
  await page.goto(j.baseUrl);
  await page.getByLabel(locale === 'en' ? 'E-mail' : '邮箱').waitFor();
  if (!checkedSignInPages.has(locale)) {
    checkedSignInPages.add(locale);
    await shoot(page, `signin-${locale}`);
  }
  await page.getByLabel(locale === 'en' ? 'E-mail' : '邮箱').fill(email);
  await page.locator('input[type="password"]').fill(PASSWORD);
  await page.getByRole('button', { name: locale === 'en' ? 'Sign in' : '登录' }).click();
  await page.getByRole('navigation', { name: locale === 'en' ? 'Main menu' : '主菜单' }).waitFor();
  return page;
}

/** Checks the screen with axe-core, then saves a screenshot of it under e2e/screenshots/. */
export async function shoot(page: Page, name: string): Promise<void> {
  // A dialog or menu still fading in has half-mixed colours: judge the screen once it has settled
  // (endless ones, such as a loading shimmer, aside).
  // Mantine's transitions set the opacity from script a frame after mounting, so "no animation
  // running" alone can be true before the fade has begun: popups must also be fully opaque.
  await page
    .waitForFunction(
      () =>
        document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity) &&
        [...document.querySelectorAll('[role="dialog"], [role="menu"], [role="listbox"], [data-position]')].every((el) => getComputedStyle(el).opacity === '1'),
      undefined,
      { timeout: 5_000, polling: 'raf' },
    )
    .catch(() => {});
  await assertAccessible(page, name);
  await page.screenshot({ path: join(screenshots, `${name}.png`), fullPage: false });
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: unknown[]; html: string; failureSummary?: string }>;
}

/** Runs axe-core (WCAG 2.1 A/AA) on the page as it is; fails on any serious or critical violation. */
export async function assertAccessible(page: Page, screen: string): Promise<void> {
  // Evaluated through the DevTools protocol, so the app's Content-Security-Policy does not block it.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: Document, options: object) => Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => ({ target: n.target, html: n.html.slice(0, 200), failureSummary: n.failureSummary?.slice(0, 300) })) }));
  });
  const severe = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  if (severe.length) {
    const lines = severe.map((v) => `${v.impact} ${v.id}: ${v.help}\n${v.nodes.map((n) => `    ${n.html}\n      ${n.failureSummary?.replace(/\n/g, ' ')}`).join('\n')}`);
    const report = `axe-core on ${screen}:\n${lines.join('\n')}`;
    if (process.env.AXE_REPORT_ONLY) console.error(report); // to list every screen's problems in one run
    else throw new Error(report);
  }
}

/** Polls until `check` gives a value (the server works asynchronously to the page). */
export async function eventually<T>(check: () => Promise<T | undefined>, what: string, ms = 20_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** A company's own web site on another origin, serving whatever page the journey gives it. */
export async function startSite(): Promise<{ url: string; setPage: (html: string) => void; close: () => void }> {
  let page = '';
  const server = createServer((_request, response) => response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  return {
    url: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`,
    setPage: (html) => (page = html),
    close: () => server.close(),
  };
}
