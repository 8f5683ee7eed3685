// /api/v1/{object}/{id}/attachments and /api/v1/attachments/{id}: files on records. Uploads are the
// raw bytes as the request body with `?filename=`; downloads always save, never render in the page.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Database } from '../platform/db/index.ts';
import type { FileSettings } from '../platform/config.ts';
import type { Caller, Registry } from '../records/index.ts';
import { attachFile, listAttachments, openAttachment, removeAttachment } from './service.ts';
import type { FileStore } from './store.ts';

const recordParams = Type.Object({ object: Type.String({ maxLength: 63 }), id: Type.String({ maxLength: 64 }) });
const idParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
const attachment = Type.Object({
  id: Type.String({ format: 'uuid' }),
  object: Type.String({ maxLength: 63 }),
  recordId: Type.String({ format: 'uuid' }),
  fileName: Type.String({ maxLength: 255 }),
  contentType: Type.String({ maxLength: 200, description: 'sniffed from the bytes' }),
  size: Type.Integer({ format: 'int64', minimum: 1, maximum: Number.MAX_SAFE_INTEGER }),
  sha256: Type.String({ maxLength: 64 }),
  createdBy: Type.Union([Type.String({ format: 'uuid' }), Type.Null()]),
  createdAt: Type.String({ format: 'date-time' }),
});

/** `attachment; filename="…"` with an ASCII fallback and the real (e.g. Chinese) name per RFC 5987. */
function contentDisposition(fileName: string): string {
  const fallback = fileName.replace(/[^\x20-\x7e]|["\\]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

/** Registers the attachment routes. */
export function registerFileRoutes(app: FastifyInstance, db: Database, registry: Registry, store: FileStore, settings: FileSettings): void {
  const caller = (request: FastifyRequest): Caller => ({ db, registry, ctx: request.ctx });
  const tags = ['Files'];
  app.register(async (scope) => {
    // Any body is a file here, whatever Content-Type the client claims, up to the size limit.
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: settings.maxBytes }, (_request, body, done) => done(null, body));
    const api = scope.withTypeProvider<TypeBoxTypeProvider>();
    api.post(
      '/api/v1/:object/:id/attachments',
      {
        bodyLimit: settings.maxBytes,
        schema: {
          tags,
          summary: 'Attach a file: the bytes as the body, the name in ?filename=',
          params: recordParams,
          querystring: Type.Object({ filename: Type.String({ minLength: 1, maxLength: 1000 }) }),
          response: { 201: attachment },
        },
      },
      async (r, reply) => reply.status(201).send(await attachFile(caller(r), store, r.params.object, r.params.id, r.query.filename, r.body as Buffer)),
    );
  });
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  api.get(
    '/api/v1/:object/:id/attachments',
    { schema: { tags, summary: "A record's files", params: recordParams, response: { 200: Type.Object({ data: Type.Array(attachment, { maxItems: 1000 }), nextCursor: Type.Null() }) } } },
    (r) => listAttachments(caller(r), r.params.object, r.params.id),
  );
  api.get('/api/v1/attachments/:id', { schema: { tags, summary: 'Download a file', params: idParams } }, async (r, reply) => {
    const { attachment: file, stream } = await openAttachment(caller(r), store, r.params.id);
    return reply
      .header('content-type', file.contentType)
      .header('content-length', String(file.size))
      .header('content-disposition', contentDisposition(file.fileName))
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'private, no-store')
      .send(stream);
  });
  api.delete('/api/v1/attachments/:id', { schema: { tags, summary: 'Remove a file', params: idParams } }, async (r, reply) => {
    await removeAttachment(caller(r), store, r.params.id);
    return reply.status(204).send();
  });
}
