// The knowledge module's HTTP command: bring back an earlier revision of an article.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { parseIfMatch, type ModuleRouteContext } from '../../records/index.ts';
import { restoreRevision } from './article-revisions.ts';

const restoreSchema = {
  tags: ['Knowledge base'],
  summary: 'Bring back an earlier revision of a knowledge article',
  description:
    "Makes the revision's title and text the article's current ones, as a new revision (nothing is lost). Needs edit access to the article; honours If-Match. 404 for an article or revision the caller cannot read.",
  params: {
    type: 'object',
    required: ['id', 'revision'],
    properties: { id: { type: 'string', format: 'uuid', maxLength: 36 }, revision: { type: 'integer', format: 'int32', minimum: 1, maximum: 1_000_000 } },
  },
};

/** Registers the knowledge base's commands; each goes through the engine with the caller's own access. */
export function knowledgeRoutes(app: FastifyInstance, { callerOf }: ModuleRouteContext): void {
  app.post(
    '/api/v1/knowledgeArticles/:id/revisions/:revision/restore',
    { schema: restoreSchema },
    async (request: FastifyRequest<{ Params: { id: string; revision: number } }>, reply) => {
      const version = parseIfMatch(request.headers['if-match']);
      const record = await restoreRevision(callerOf(request), request.params.id, request.params.revision, version);
      return reply.header('ETag', `"${String(record.version)}"`).send(record);
    },
  );
}
