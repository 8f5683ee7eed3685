// HTTP for quotes: the editor's read and save of lines, new versions, the order of an accepted quote,
// the PDF, and the quote settings. Thin handlers; every service runs with the caller's own access.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { assertAdmin } from '../../../platform/access/index.ts';
import type { ModuleRouteContext } from '../../../records/index.ts';
import { getRecord, listRecords } from './engine.ts';
import { linesOf } from './line-hooks.ts';
import { createOrderFromQuote } from './orders.ts';
import { asSystem, literal } from './pricing.ts';
import { quoteWithLines, replaceLines, type LineInput } from './quote-lines.ts';
import { readQuoteSettings, writeQuoteSettings, type QuoteSettings } from './quote-settings.ts';
import { newQuoteVersion } from './versions.ts';

const tags = ['Quotes'];
const uuid = { type: 'string', format: 'uuid', maxLength: 36 };
const idParams = { type: 'object', required: ['id'], properties: { id: uuid } };
type ById = FastifyRequest<{ Params: { id: string } }>;

const lineSchema = {
  type: 'object',
  required: ['productId', 'quantity'],
  additionalProperties: false,
  properties: {
    id: uuid,
    productId: uuid,
    quantity: { type: 'number', exclusiveMinimum: 0, maximum: 1e9 },
    unitPrice: { type: ['string', 'null'], pattern: '^\\d{1,15}(\\.\\d{1,4})?$', maxLength: 21, description: 'typed by hand; null: the price book’s' },
    discountPercent: { type: 'number', minimum: 0, maximum: 100 },
    description: { type: ['string', 'null'], maxLength: 500 },
  },
};
const linesBody = { type: 'object', required: ['lines'], additionalProperties: false, properties: { lines: { type: 'array', maxItems: 200, items: lineSchema } } };
const settingsSchema = {
  type: 'object',
  required: ['discountApprovalThreshold', 'companyName', 'brandColor'],
  additionalProperties: false,
  properties: {
    discountApprovalThreshold: { type: 'number', minimum: 0, maximum: 100 },
    companyName: { type: 'string', minLength: 1, maxLength: 100 },
    brandColor: { type: 'string', pattern: '^#[0-9a-fA-F]{6}$', maxLength: 7 },
  },
};

const isoDay = () => new Date().toISOString().slice(0, 10);

/** Registers the quote commands. */
export function quoteRoutes(app: FastifyInstance, { callerOf }: ModuleRouteContext): void {
  app.get('/api/v1/quotes/:id/lines', { schema: { tags, summary: 'A quote with its lines, in order', params: idParams } }, (request: ById) =>
    quoteWithLines(callerOf(request), request.params.id),
  );

  app.put(
    '/api/v1/quotes/:id/lines',
    {
      schema: {
        tags,
        summary: 'Replace the lines of a draft quote',
        description:
          'Lines with an id are updated, the others created, lines left out removed; bundles add their products. Compatibility errors name the line: `lines.2.productId`. Answers the quote with its lines and derived totals.',
        params: idParams,
        body: linesBody,
      },
    },
    (request: FastifyRequest<{ Params: { id: string }; Body: { lines: LineInput[] } }>) => replaceLines(callerOf(request), request.params.id, request.body.lines),
  );

  app.post('/api/v1/quotes/:id/versions', { schema: { tags, summary: 'Make a new version of a quote (the old one becomes read-only)', params: idParams } }, async (request: ById, reply) =>
    reply.status(201).send(await newQuoteVersion(callerOf(request), request.params.id)),
  );

  app.post('/api/v1/quotes/:id/order', { schema: { tags, summary: 'Make the order of an accepted quote', params: idParams } }, async (request: ById, reply) =>
    reply.status(201).send(await createOrderFromQuote(callerOf(request), request.params.id, isoDay())),
  );

  app.get(
    '/api/v1/quotes/:id/pdf',
    { schema: { tags, summary: 'The quote as a branded PDF', params: idParams, produces: ['application/pdf'] } },
    async (request: ById, reply) => {
      const c = callerOf(request);
      const quote = await getRecord(c, 'quotes', request.params.id);
      const lines = await linesOf(c, request.params.id);
      const productIds = lines.map((l) => l.productId as string);
      const { data: productRows } = productIds.length
        ? await listRecords(asSystem(c), 'products', { filter: `id in (${[...new Set(productIds)].map(literal).join(', ')})`, fields: 'name,code', limit: 500 })
        : { data: [] };
      const [account] = (await listRecords(c, 'accounts', { filter: `id eq ${literal(quote.accountId)}`, fields: 'name', limit: 1 })).data;
      const [contact] = quote.contactId ? (await listRecords(c, 'contacts', { filter: `id eq ${literal(quote.contactId)}`, limit: 1 })).data : [];
      const settings = await readQuoteSettings(c.db);
      // pdfkit (~6 MB of heap) is loaded with the first PDF, not at every start.
      const { renderQuotePdf } = await import('./quote-pdf.ts');
      const pdf = await renderQuotePdf({
        quote,
        lines,
        products: new Map(productRows.map((p) => [p.id as string, { name: p.name as string, code: (p.code as string | null) ?? null }])),
        accountName: (account?.name as string | undefined) ?? '—',
        contactName: contact ? [contact.lastName, contact.firstName].filter(Boolean).join('') || String(contact.name ?? '') : null,
        companyName: settings.companyName,
        brandColor: settings.brandColor,
      });
      const file = `${String(quote.quoteNumber ?? 'quote')}-v${String(quote.versionNumber ?? 1)}.pdf`;
      return reply.type('application/pdf').header('content-disposition', `attachment; filename="${file}"`).send(pdf);
    },
  );

  app.get('/api/v1/sales/settings/quotes', { schema: { tags, summary: 'Quote settings (administrators)', response: { 200: settingsSchema } } }, async (request) => {
    assertAdmin(request.ctx);
    return readQuoteSettings(callerOf(request).db);
  });
  app.put('/api/v1/sales/settings/quotes', { schema: { tags, summary: 'Change the quote settings (administrators)', body: settingsSchema, response: { 200: settingsSchema } } }, async (request: FastifyRequest<{ Body: QuoteSettings }>) => {
    assertAdmin(request.ctx);
    const c = callerOf(request);
    await writeQuoteSettings(c.db, c.ctx.userId, request.body);
    return readQuoteSettings(c.db);
  });
}
