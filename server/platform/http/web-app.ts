// Serves the built web app (web/dist) at `/`: hashed assets cached for a year, and index.html for
// every other page path so the browser's router takes over. /api paths never fall back to it.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';
import { notFound } from './problem.ts';

export const webDistDir = join(import.meta.dirname, '../../../web/dist');

/** Serves the web app when it has been built (`npm run build`, or the first `npm start`). */
export async function installWebApp(app: FastifyInstance, distDir = webDistDir): Promise<boolean> {
  if (!existsSync(join(distDir, 'index.html'))) return false;
  await app.register(fastifyStatic, {
    root: distDir,
    wildcard: false,
    index: false,
    // The build writes .br and .gz beside each asset (web/vite.config.ts): sent as the browser accepts.
    preCompressed: true,
    setHeaders: (reply, path) => {
      // File names under assets/ change with their content: they can be cached for good.
      reply.header('cache-control', path.startsWith(join(distDir, 'assets')) ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  app.get('/*', { schema: { hide: true } }, (request, reply) => {
    if (request.url.startsWith('/api/')) throw notFound('The endpoint');
    return reply.header('cache-control', 'no-cache').sendFile('index.html');
  });
  return true;
}
