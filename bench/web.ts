// `npm run bench:web`: the web app as a person meets it, in Chromium on a generated database:
//   - initial JavaScript: what the first screen downloads, gzipped (budget 250 kB);
//   - first rows: from navigating to the accounts list to its first row on screen (budget 1 s),
//     beside the API's own first page and the same page in raw SQL, measured in the same run;
//   - scrolling 10,000 rows of the list: long tasks over 50 ms (budget: none);
//   - Lighthouse (desktop) performance, accessibility and best practices of the list and record pages.
// Writes bench/results/<time>-web-<db>-<size>.json.
//
//   npm run bench:web -- --database-url postgres://postgres@127.0.0.1:5432/guanxi_bench_1m
//   npm run bench:web -- --data-dir .tmp/bench-100k --accounts 100000
//
// An empty database is filled first (bench/generate.ts); the web app must be built (`npm run build`).
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { sql } from 'drizzle-orm';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { buildApp } from '../server/app.ts';
import { ensureUser } from '../server/platform/auth/users.ts';
import { setPassword } from '../server/platform/auth/passwords.ts';
import { webDistDir } from '../server/platform/http/web-app.ts';
import { BENCH_ADMIN_EMAIL, defaultSizes, generate, openBenchDatabase } from './generate.ts';
import { runLighthouse, type LighthouseScores } from './lighthouse.ts';

const PASSWORD = 'bench web passphrase 2026';
const SCROLL_ROWS = 10_000;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const round = (x: number) => Math.round(x * 10) / 10;

/** The gzipped size of every script a page loads before its first screen, in kB. */
async function measureInitialJs(context: BrowserContext, url: string): Promise<{ kB: number; files: string[] }> {
  const page = await context.newPage();
  const files = new Set<string>();
  page.on('request', (request) => {
    const path = new URL(request.url()).pathname;
    if (path.endsWith('.js')) files.add(path);
  });
  await page.goto(url, { waitUntil: 'networkidle' });
  await page.close();
  const bytes = [...files].reduce((sum, path) => sum + gzipSync(readFileSync(join(webDistDir, path)), { level: 9 }).length, 0);
  return { kB: round(bytes / 1024), files: [...files] };
}

/** Resolves in the page when the list shows its first record row; the time is since `since`. */
const firstRowTime = (page: Page, since: number) =>
  page.evaluate(
    (start) =>
      new Promise<number>((resolve) => {
        const isShown = () => document.querySelector('[role="rowgroup"] [role="row"], [role="list"] [role="listitem"]');
        if (isShown()) return resolve(performance.now() - start);
        new MutationObserver((_, observer) => {
          if (!isShown()) return;
          observer.disconnect();
          resolve(performance.now() - start);
        }).observe(document.body, { childList: true, subtree: true });
      }),
    since,
  );

/** A fresh page load of /accounts (cold or warm cache) until its first row, in ms since navigation start. */
async function timeLoad(context: BrowserContext, baseUrl: string): Promise<number> {
  const page = await context.newPage();
  await page.goto(`${baseUrl}/accounts`, { waitUntil: 'commit' });
  const ms = await firstRowTime(page, 0);
  await page.close();
  return ms;
}

/** From a click on "Accounts" in the menu (the app already open) until the first row. */
async function timeInAppNavigation(context: BrowserContext, baseUrl: string): Promise<number> {
  const page = await context.newPage();
  await page.goto(`${baseUrl}/`, { waitUntil: 'networkidle' });
  const link = page.locator('nav a[href="/accounts"]').first();
  await link.waitFor();
  const start = await page.evaluate(() => performance.now());
  await link.click();
  const ms = await firstRowTime(page, start);
  await page.close();
  return ms;
}

interface ScrollFigures {
  rows: number;
  seconds: number;
  longTasks: number;
  longestTaskMs: number;
  framesOver50Ms: number;
}

/** Scrolls the accounts list down through `rows` rows like a fast wheel, counting long tasks. */
async function measureScroll(context: BrowserContext, baseUrl: string, rows: number): Promise<ScrollFigures> {
  const page = await context.newPage();
  await page.goto(`${baseUrl}/accounts`);
  await page.locator('[role="rowgroup"] [role="row"]').first().waitFor();
  const figures = await page.evaluate(async (target) => {
    const tasks: number[] = [];
    new PerformanceObserver((list) => list.getEntries().forEach((e) => tasks.push(e.duration))).observe({ type: 'longtask' });
    const grid = document.querySelector<HTMLElement>('[role="grid"]')!;
    const lastRow = () => Math.max(0, ...[...grid.querySelectorAll('[role="row"][aria-rowindex]')].map((r) => Number(r.getAttribute('aria-rowindex')) - 1));
    const start = performance.now();
    let previous = start;
    let slowFrames = 0;
    // About 15 rows a frame: 10,000 rows in roughly 11 s at 60 frames a second.
    while (lastRow() < target && performance.now() - start < 180_000) {
      grid.scrollTop += 600;
      await new Promise(requestAnimationFrame);
      const now = performance.now();
      if (now - previous > 50) slowFrames++;
      previous = now;
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
    return { rows: lastRow(), seconds: (performance.now() - start) / 1000, tasks, slowFrames };
  }, rows);
  await page.close();
  return {
    rows: figures.rows,
    seconds: round(figures.seconds),
    longTasks: figures.tasks.length,
    longestTaskMs: round(Math.max(0, ...figures.tasks)),
    framesOver50Ms: figures.slowFrames,
  };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      'database-url': { type: 'string' },
      'data-dir': { type: 'string' },
      accounts: { type: 'string', default: '100000' },
      runs: { type: 'string', default: '7' },
      'skip-lighthouse': { type: 'boolean', default: false },
    },
  });
  if (!existsSync(join(webDistDir, 'index.html'))) throw new Error('build the web app first: npm run build');
  const runs = Number(values.runs);
  const { db, registry } = await openBenchDatabase({ databaseUrl: values['database-url'], dataDir: values['data-dir'] });
  const count = async () => Number((await db.rows<{ n: unknown }>(sql`select count(*) as n from accounts where deleted_at is null`))[0]!.n);
  if ((await count()) === 0) await generate(db, registry, defaultSizes(Number(values.accounts)), { databaseUrl: values['database-url'] });
  const accounts = await count();
  const { id: adminId } = await ensureUser(db, { email: BENCH_ADMIN_EMAIL, name: 'Bench Admin 压测管理员', roleKey: 'administrator', locale: 'zh-CN' });
  await setPassword(db, adminId, PASSWORD);
  const app = await buildApp({ db, registry, logLevel: 'warn', settings: { auth: { apiKeyRateLimit: 1_000_000_000 } } });
  const baseUrl = await app.listen({ host: '127.0.0.1', port: 0 });

  // One persistent profile: Lighthouse opens its tabs in it, signed in like the measured pages.
  const profile = mkdtempSync(join(os.tmpdir(), 'guanxi-bench-web-'));
  const debuggingPort = 9300 + Math.floor(Math.random() * 500);
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1350, height: 940 },
    locale: 'zh-CN',
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', `--remote-debugging-port=${debuggingPort}`],
  });
  try {
    const signIn = await context.request.post(`${baseUrl}/api/v1/auth/login`, { data: { email: BENCH_ADMIN_EMAIL, password: PASSWORD } });
    if (!signIn.ok()) throw new Error(`sign-in failed: ${signIn.status()} ${await signIn.text()}`);

    const initialJs = await measureInitialJs(context, `${baseUrl}/`);
    const listJs = await measureInitialJs(context, `${baseUrl}/accounts`);
    const loads = [];
    for (let i = 0; i < runs; i++) loads.push(await timeLoad(context, baseUrl));
    const navigations = [];
    for (let i = 0; i < runs; i++) navigations.push(await timeInAppNavigation(context, baseUrl));

    // The same first page the list asks for, through the API and as raw SQL.
    const apiMs: number[] = [];
    const sqlMs: number[] = [];
    for (let i = 0; i < runs; i++) {
      let t = performance.now();
      const response = await context.request.get(`${baseUrl}/api/v1/accounts?limit=100`);
      if (!response.ok()) throw new Error(`list failed: ${response.status()}`);
      await response.body();
      apiMs.push(performance.now() - t);
      t = performance.now();
      await db.rows(sql`select * from accounts where deleted_at is null order by created_at desc, id desc limit 100`);
      sqlMs.push(performance.now() - t);
    }
    const scroll = await measureScroll(context, baseUrl, SCROLL_ROWS);

    let lighthouse: Record<string, LighthouseScores> | undefined;
    if (!values['skip-lighthouse']) {
      const [{ id }] = await db.rows<{ id: string }>(sql`select id from accounts where deleted_at is null order by created_at desc limit 1`);
      lighthouse = {
        list: await runLighthouse(`${baseUrl}/accounts`, debuggingPort),
        record: await runLighthouse(`${baseUrl}/accounts/${id}`, debuggingPort),
      };
    }

    const kind = values['database-url'] ? 'postgres' : 'pglite';
    const result = {
      at: new Date().toISOString(),
      database: kind,
      accounts,
      machine: { cpus: os.cpus().length, load: os.loadavg().map(round) },
      initialJs: { homeKB: initialJs.kB, listKB: listJs.kB, budgetKB: 250, homeFiles: initialJs.files },
      firstRows: {
        pageLoadMs: { first: round(loads[0]!), median: round(median(loads.slice(1))), max: round(Math.max(...loads)) },
        inAppNavigationMs: { median: round(median(navigations)), max: round(Math.max(...navigations)) },
        apiFirstPageMs: { median: round(median(apiMs)) },
        rawSqlFirstPageMs: { median: round(median(sqlMs)) },
        budgetMs: 1000,
      },
      scroll,
      lighthouse,
    };
    const dir = join(import.meta.dirname, 'results');
    mkdirSync(dir, { recursive: true });
    const size = accounts >= 1_000_000 ? `${Math.round(accounts / 1_000_000)}m` : `${Math.round(accounts / 1000)}k`;
    const file = join(dir, `${result.at.replace(/[:.]/g, '-').slice(0, 19)}Z-web-${kind}-${size}.json`);
    writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
    console.log(JSON.stringify(result, null, 2));
    console.log(`written: ${file}`);
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
    await app.close();
    await db.close();
  }
}

await main();
