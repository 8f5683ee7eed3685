// The receivables API: the overdue list and the ageing report, each read with the caller's own access.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ModuleRouteContext } from '../../../records/index.ts';
import { parseDay } from '../exchange-rates.ts';
import { createContractFromOrder, type ContractFromOrderInput } from './from-order.ts';
import { bucketNames } from './report-shape.ts';
import { ageingReport, overdueList } from './reports.ts';
import { dayOf } from './totals.ts';

const day = { type: 'string', format: 'date', maxLength: 10 };
const uuid = { type: 'string', format: 'uuid', maxLength: 36 };
const money = { type: 'string', maxLength: 24 };
const text = (maxLength: number) => ({ type: 'string', maxLength });
const nullable = (schema: object) => ({ anyOf: [schema, { type: 'null' }] });
const buckets = { type: 'object', properties: Object.fromEntries(bucketNames.map((b) => [b, money])) };
const MAX_ROWS = 100_000;

const overdueSchema = {
  tags: ['Receivables'],
  summary: 'Overdue instalments',
  description:
    'Instalments of the contracts the caller may read that were due before `asOf` (default today, UTC) and not fully paid by then ' +
    '(payments received on or before `asOf`), longest overdue first, with the days overdue and the amount still due.',
  querystring: {
    type: 'object',
    additionalProperties: false,
    properties: { asOf: day, limit: { type: 'integer', format: 'int32', minimum: 1, maximum: 500, default: 500 } },
  },
  response: {
    200: {
      type: 'object',
      properties: {
        asOf: day,
        data: {
          type: 'array',
          maxItems: 500,
          items: {
            type: 'object',
            properties: {
              instalmentId: uuid, contractId: uuid, contractNumber: nullable(text(100)), contractTitle: nullable(text(200)),
              accountId: nullable(uuid), accountName: nullable(text(500)), number: { type: 'number' }, dueDate: day,
              currency: text(3), amount: money, outstanding: money, daysOverdue: { type: 'integer', format: 'int32', minimum: 1, maximum: 1_000_000 },
            },
          },
        },
      },
    },
  },
};

const ageingSchema = {
  tags: ['Receivables'],
  summary: 'Receivables ageing by customer',
  description:
    'What is still due on the instalments of the contracts the caller may read, per customer and currency, in buckets by days past due on `asOf` ' +
    '(default today, UTC): notYetDue (due after asOf), days0to30 (due on asOf or up to 30 days before), days31to60, days61to90, days90plus (91 days or more); ' +
    'with totals per currency. Amounts are exact decimals shown with two places.',
  querystring: { type: 'object', additionalProperties: false, properties: { asOf: day } },
  response: {
    200: {
      type: 'object',
      properties: {
        asOf: day,
        rows: {
          type: 'array',
          maxItems: MAX_ROWS,
          items: { type: 'object', properties: { accountId: nullable(uuid), accountName: nullable(text(500)), currency: text(3), buckets, total: money } },
        },
        totals: { type: 'array', maxItems: 500, items: { type: 'object', properties: { currency: text(3), buckets, total: money } } },
      },
    },
  },
};

const contractFromOrderSchema = {
  tags: ['Receivables'],
  summary: 'Make the draft contract of a confirmed order',
  description:
    'A confirmed or fulfilled order the caller can see becomes a draft contract owned by the caller: title from the quote and order number, ' +
    'account, opportunity, value = the order total. `startDate` and `signedDate` default to today (UTC); `instalments` (1–24) adds a plan of ' +
    'monthly instalments from the start date, equal to the cent, the last taking the remainder. 409 `order-not-confirmed` for a draft or ' +
    'cancelled order; 409 `order-has-contract` when the order has a live contract (its id in `errors[0].existingId` when the caller may read it).',
  params: { type: 'object', required: ['id'], properties: { id: uuid } },
  body: {
    anyOf: [
      { type: 'null' },
      {
        type: 'object',
        additionalProperties: false,
        properties: { startDate: day, endDate: day, signedDate: day, instalments: { type: 'integer', format: 'int32', minimum: 1, maximum: 24 } },
      },
    ],
  },
};

/** Registers the receivables reports and the order's contract. */
export function receivablesRoutes(app: FastifyInstance, { callerOf }: ModuleRouteContext): void {
  app.get('/api/v1/receivables/overdue', { schema: overdueSchema }, (request: FastifyRequest<{ Querystring: { asOf?: string; limit?: number } }>) =>
    overdueList(callerOf(request), request.query.asOf ? parseDay(request.query.asOf, 'asOf') : dayOf(new Date()), request.query.limit ?? 500),
  );
  app.get('/api/v1/receivables/ageing', { schema: ageingSchema }, (request: FastifyRequest<{ Querystring: { asOf?: string } }>) =>
    ageingReport(callerOf(request), request.query.asOf ? parseDay(request.query.asOf, 'asOf') : dayOf(new Date())),
  );
  app.post(
    '/api/v1/orders/:id/contract',
    { schema: contractFromOrderSchema },
    async (request: FastifyRequest<{ Params: { id: string }; Body: ContractFromOrderInput | null }>, reply) =>
      reply.status(201).send(await createContractFromOrder(callerOf(request), request.params.id, request.body ?? {}, dayOf(new Date()))),
  );
}
