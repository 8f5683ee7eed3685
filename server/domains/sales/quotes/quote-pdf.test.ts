// The quote PDF: its text (Chinese and English) is extractable, a rendered page shows the brand and
// the lines (not a blank page), and the embedded CJK font is a subset, so the file stays small.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { startTestApp, type TestContext } from '../../../testing.ts';
import { catalogue, draftQuote } from './quote-test-support.ts';

const require = createRequire(import.meta.url);
let t: TestContext;
before(async () => {
  t = await startTestApp();
});
after(() => t.close());

async function pdfOfChineseQuote(): Promise<{ pdf: Buffer; productName: string }> {
  await t.api('PUT', '/api/v1/sales/settings/quotes', { discountApprovalThreshold: 20, companyName: '关系科技有限公司', brandColor: '#c92a2a' });
  const { products } = await catalogue(t, [['旗舰版服务器', '12800', 13], ['Cloud backup 云备份', '99.5', 6]]);
  const quote = await draftQuote(t, { name: '星空传媒年度采购报价', notes: '付款方式：签约后 30 天内付清。' });
  await t.api('PUT', `/api/v1/quotes/${quote.id}/lines`, { lines: [{ productId: products[0]!.id, quantity: 2, discountPercent: 5 }, { productId: products[1]!.id, quantity: 12 }] });
  const reply = await t.app.inject({ method: 'GET', url: `/api/v1/quotes/${quote.id}/pdf`, headers: { authorization: `Bearer ${t.token}` } });
  assert.equal(reply.statusCode, 200);
  assert.equal(reply.headers['content-type'], 'application/pdf');
  assert.match(String(reply.headers['content-disposition']), /attachment; filename="Q-\d{4}-\d{5}-v1\.pdf"/);
  return { pdf: reply.rawPayload, productName: products[0]!.name };
}

test('the PDF’s text holds the Chinese product name, the labels in both languages and the total; the font is subset', async () => {
  const { pdf, productName } = await pdfOfChineseQuote();
  assert.ok(pdf.length < 400_000, `a subset font keeps the file small (${pdf.length} bytes)`);
  const document = await getDocument({ data: new Uint8Array(pdf), useSystemFonts: false }).promise;
  const page = await document.getPage(1);
  const text = (await page.getTextContent()).items.map((item) => ('str' in item ? item.str : '')).join('');
  await document.destroy();
  for (const expected of [productName, '关系科技有限公司', '报价单 · Quotation', '星空传媒年度采购报价', '总计 Total', 'CNY 28,747.24', '付款方式']) {
    assert.ok(text.includes(expected), `"${expected}" in the text`);
  }
});

test('page 1 rendered to an image is not blank: the brand band and dark text show', async () => {
  const { pdf } = await pdfOfChineseQuote();
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
  try {
    const page = await browser.newPage();
    const build = require.resolve('pdfjs-dist/build/pdf.mjs').replace(/pdf\.mjs$/, '');
    await page.route('http://render.test/**', (route) => {
      const name = new URL(route.request().url()).pathname.slice(1);
      if (name === '') return route.fulfill({ contentType: 'text/html', body: '<!doctype html><canvas id="c"></canvas>' });
      return route.fulfill({ contentType: 'text/javascript', body: readFileSync(build + name) });
    });
    await page.goto('http://render.test/');
    const stats = await page.evaluate(async (bytes: number[]) => {
      // @ts-expect-error: loaded by the browser from the route above
      const pdfjs = await import('/pdf.mjs');
      pdfjs.GlobalWorkerOptions.workerSrc = '/pdf.worker.mjs';
      const doc = await pdfjs.getDocument({ data: new Uint8Array(bytes) }).promise;
      const pdfPage = await doc.getPage(1);
      const viewport = pdfPage.getViewport({ scale: 1.5 });
      const canvas = document.getElementById('c') as HTMLCanvasElement;
      canvas.width = viewport.width;
      canvas.height = viewport.height;
      const context = canvas.getContext('2d')!;
      await pdfPage.render({ canvasContext: context, canvas, viewport }).promise;
      const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
      let ink = 0;
      let brand = 0;
      for (let i = 0; i < data.length; i += 4) {
        const [r, g, b] = [data[i]!, data[i + 1]!, data[i + 2]!];
        if (r < 90 && g < 90 && b < 90) ink++;
        if (Math.abs(r - 0xc9) < 12 && Math.abs(g - 0x2a) < 12 && Math.abs(b - 0x2a) < 12) brand++;
      }
      return { pixels: data.length / 4, ink, brand, png: canvas.toDataURL('image/png').length };
    }, [...pdf]);
    assert.ok(stats.brand > stats.pixels * 0.05, `the brand colour shows (${stats.brand} of ${stats.pixels} pixels)`);
    assert.ok(stats.ink > 2_000, `the text shows (${stats.ink} dark pixels)`);
    assert.ok(stats.png > 10_000, 'the page image has content');
  } finally {
    await browser.close();
  }
});
