// The data module: getting records out of and into Guanxi in bulk. Its export route streams any list
// — the same filter, sort and fields as GET /api/v1/{object} — as CSV or XLSX (contacts also as vCard); its imports read a CSV,
// XLSX or vCard file into any object as a background job that can be dry-run first and undone after.
import type { FastifyRequest } from 'fastify';
import { localeOf } from '../../platform/http/problem.ts';
import type { Locale } from '../../platform/i18n/index.ts';
import { defineModule } from '../../records/index.ts';
import { prepareExport, type ExportQuery } from './export-service.ts';
import { importJobs } from './import-job.ts';
import { importCleanupJobs } from './import-cleanup.ts';
import { importRoutes } from './import-routes.ts';

type ExportRequest = FastifyRequest<{ Params: { object: string }; Querystring: ExportQuery & { locale?: Locale } }>;

const exportSchema = {
  tags: ['Data'],
  summary: 'Export a list as CSV, XLSX or vCard',
  description:
    'Streams every record of the list the caller may read (same filter, sort and fields as `GET /{object}`), ' +
    'without hidden fields, as a download. Needs the `export` permission; each export is audited.',
  params: { type: 'object', required: ['object'], properties: { object: { type: 'string', maxLength: 63 } } },
  querystring: {
    type: 'object',
    additionalProperties: false,
    properties: {
      format: { type: 'string', enum: ['csv', 'xlsx', 'vcf'], default: 'csv', description: 'CSV (UTF-8 with BOM), Excel, or vCard 4.0 (contacts only)' },
      filter: { type: 'string', maxLength: 4000, description: 'as in `GET /{object}`' },
      sort: { type: 'string', maxLength: 500, description: 'as in `GET /{object}`, e.g. `-amount,name`' },
      fields: { type: 'string', maxLength: 4000, description: 'the columns, in order (default: every visible field)' },
      headers: { type: 'string', enum: ['labels', 'names'], default: 'labels', description: 'column titles: field labels or API names' },
      locale: { type: 'string', enum: ['en', 'zh-CN'], description: 'language of labels and options (default: Accept-Language, then the user’s)' },
    },
  },
};

export const dataModule = defineModule({
  name: 'data',
  jobs: (context) => [...importJobs(context), ...importCleanupJobs(context)],
  routes: (app, context) => {
    const { callerOf } = context;
    importRoutes(app, context);
    // No automatic HEAD: Fastify would read the whole stream to throw it away, and audit an export no one got.
    app.get('/api/v1/:object/export', { schema: exportSchema, exposeHeadRoute: false }, async (request: ExportRequest, reply) => {
      const { locale, ...query } = request.query;
      const prepared = await prepareExport(callerOf(request), request.params.object, query, locale ?? localeOf(request));
      return reply
        .header('Content-Type', prepared.contentType)
        .header('Content-Disposition', prepared.disposition)
        .header('Cache-Control', 'no-store')
        .send(prepared.body);
    });
  },
});
