// The quote as a branded PDF: the company's name, logo mark and colour, the quote's lines and totals,
// with labels in Chinese and English. The CJK font ships through npm (Noto Sans SC) and is subset by
// pdfkit, so a PDF carries only the glyphs it uses.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import type { RecordValues } from '../../../records/index.ts';

const require = createRequire(import.meta.url);
let fonts: { regular: Buffer; bold: Buffer } | undefined;

// Read once per process: each font file is about 10 MB.
function fontFiles() {
  fonts ??= {
    regular: readFileSync(require.resolve('@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf')),
    bold: readFileSync(require.resolve('@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf')),
  };
  return fonts;
}

export interface QuotePdfInput {
  quote: RecordValues;
  lines: RecordValues[];
  /** Product name and SKU by id. */
  products: Map<string, { name: string; code: string | null }>;
  accountName: string;
  contactName: string | null;
  companyName: string;
  brandColor: string;
}

const amountOf = (money: unknown) => {
  const m = money as { amount: string; currency: string } | null;
  if (!m) return '';
  const [whole, fraction = ''] = m.amount.split('.');
  return `${m.currency} ${whole!.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${fraction.padEnd(2, '0').slice(0, 2)}`;
};
const percentText = (value: unknown) => `${Number(value ?? 0)}%`;

const initialsOf = (name: string) =>
  /[\u4e00-\u9fff]/.test(name) ? name.replace(/[^\u4e00-\u9fff]/g, '').slice(0, 2) : name.split(/\s+/).map((w) => w[0] ?? '').join('').slice(0, 2).toUpperCase();

/** Renders the quote as a PDF (A4) and returns its bytes. */
export function renderQuotePdf(input: QuotePdfInput): Promise<Buffer> {
  const { quote, lines, products, companyName, brandColor } = input;
  const doc = new PDFDocument({ size: 'A4', margin: 48, info: { Title: `${String(quote.quoteNumber)} ${String(quote.name)}`, Author: companyName } });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const { regular, bold } = fontFiles();
  doc.registerFont('regular', regular);
  doc.registerFont('bold', bold);
  const width = doc.page.width;
  const left = 48;
  const right = width - 48;

  // Brand band: logo mark, company name, document title.
  doc.rect(0, 0, width, 96).fill(brandColor);
  doc.roundedRect(left, 24, 48, 48, 8).fill('#ffffff');
  doc.fillColor(brandColor).font('bold').fontSize(18).text(initialsOf(companyName), left, 36, { width: 48, align: 'center' });
  doc.fillColor('#ffffff').font('bold').fontSize(18).text(companyName, left + 64, 30, { width: 280 });
  doc.font('regular').fontSize(10).text('报价单 · Quotation', left + 64, 56, { width: 280 });
  doc.font('bold').fontSize(14).text(String(quote.quoteNumber ?? ''), right - 200, 34, { width: 200, align: 'right' });
  doc.font('regular').fontSize(10).text(`版本 Version ${String(quote.versionNumber ?? 1)}`, right - 200, 56, { width: 200, align: 'right' });

  // Who and when.
  doc.fillColor('#212529').font('bold').fontSize(16).text(String(quote.name), left, 120, { width: right - left });
  let y = doc.y + 8;
  const facts: Array<[string, string]> = [
    ['客户 Customer', input.accountName],
    ['联系人 Contact', input.contactName ?? '—'],
    ['报价日期 Date', String(quote.quoteDate ?? '')],
    ['有效期至 Valid until', String(quote.validUntil ?? '—')],
  ];
  for (const [label, value] of facts) {
    doc.font('regular').fontSize(9).fillColor('#495057').text(label, left, y, { width: 130 });
    doc.font('regular').fontSize(10).fillColor('#212529').text(value, left + 130, y, { width: right - left - 130 });
    y = doc.y + 4;
  }

  // Lines.
  const columns = [
    { label: '#', width: 24, align: 'left' as const },
    { label: '产品 Product', width: 175, align: 'left' as const },
    { label: '数量 Qty', width: 50, align: 'right' as const },
    { label: '单价 Unit price', width: 80, align: 'right' as const },
    { label: '折扣 Disc.', width: 45, align: 'right' as const },
    { label: '税率 Tax', width: 40, align: 'right' as const },
    { label: '金额 Amount', width: right - left - 414, align: 'right' as const },
  ];
  y += 12;
  doc.rect(left, y, right - left, 20).fill(brandColor);
  let x = left;
  for (const column of columns) {
    doc.fillColor('#ffffff').font('bold').fontSize(8).text(column.label, x + 3, y + 6, { width: column.width - 6, align: column.align });
    x += column.width;
  }
  y += 24;
  for (const [index, line] of lines.entries()) {
    const product = products.get(line.productId as string);
    const name = `${String(line.description ?? product?.name ?? '')}${product?.code ? `\n${product.code}` : ''}`;
    const cells = [String(index + 1), name, String(line.quantity), amountOf(line.unitPrice), percentText(line.discountPercent), percentText(line.taxRate), amountOf(line.netAmount)];
    const rowHeight = Math.max(18, doc.font('regular').fontSize(9).heightOfString(name, { width: columns[1]!.width - 6 }) + 6);
    if (y + rowHeight > doc.page.height - 160) {
      doc.addPage();
      y = 48;
    }
    if (index % 2 === 1) doc.rect(left, y - 3, right - left, rowHeight).fill('#f1f3f5');
    x = left;
    for (const [i, column] of columns.entries()) {
      doc.fillColor('#212529').font('regular').fontSize(9).text(cells[i]!, x + 3, y, { width: column.width - 6, align: column.align });
      x += column.width;
    }
    y += rowHeight;
  }

  // Totals.
  y += 8;
  doc.moveTo(left, y).lineTo(right, y).lineWidth(0.5).stroke('#adb5bd');
  y += 8;
  const totals: Array<[string, string, boolean]> = [
    ['小计 Subtotal', amountOf(quote.subtotal), false],
    [`整单折扣 Discount (${percentText(quote.discountPercent)})`, `-${amountOf(quote.discountAmount)}`, false],
    ['税额 Tax', amountOf(quote.taxAmount), false],
    ['总计 Total', amountOf(quote.total), true],
  ];
  for (const [label, value, isTotal] of totals) {
    doc.font(isTotal ? 'bold' : 'regular').fontSize(isTotal ? 12 : 10).fillColor(isTotal ? brandColor : '#212529');
    doc.text(label, right - 320, y, { width: 180, align: 'right' });
    doc.text(value, right - 130, y, { width: 130, align: 'right' });
    y = doc.y + 4;
  }
  if (quote.notes) {
    doc.fillColor('#495057').font('bold').fontSize(10).text('条款与备注 Terms and notes', left, y + 16);
    doc.font('regular').fontSize(9).text(String(quote.notes), { width: right - left });
  }
  doc.end();
  return done;
}
