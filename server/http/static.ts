// Serves the built PWA from dist/: hashed assets cached forever, the shell and the service worker
// revalidated on every load (so an update is seen), and any other GET that is not a file gets the shell.
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import fs from 'node:fs';
import path from 'node:path';
import { errorBody } from './errors.ts';

const NO_CACHE = new Set(['index.html', 'sw.js', 'registerSW.js', 'manifest.webmanifest']);

export async function registerStatic(app: FastifyInstance, distDir: string | undefined): Promise<void> {
  const root = path.resolve(distDir ?? 'dist');
  const hasApp = distDir !== undefined && fs.existsSync(path.join(root, 'index.html'));
  if (hasApp) {
    await app.register(fastifyStatic, {
      root,
      wildcard: true,
      index: false,
      // The API's paths are never files: an unknown one, however long, is the API's 404, not a file error.
      allowedPath: (pathName: string) => pathName !== '/v1' && !pathName.startsWith('/v1/'),
      // `npm run build` writes .br and .gz beside each text file (scripts/compress-dist.mjs).
      preCompressed: true,
      setHeaders(reply, filePath) {
        const relative = path.relative(root, filePath).split(path.sep).join('/');
        if (NO_CACHE.has(relative) || relative.startsWith('workbox-')) reply.header('Cache-Control', 'no-cache');
        else if (relative.startsWith('assets/')) reply.header('Cache-Control', 'public, max-age=31536000, immutable');
        else reply.header('Cache-Control', 'public, max-age=3600');
      },
    });
    // The root is a directory to the static plugin (which would refuse it): it is the shell.
    app.get('/', (_request, reply) => reply.header('Cache-Control', 'no-cache').sendFile('index.html', root));
  }
  app.setNotFoundHandler((request, reply) => {
    const pathname = request.url.split('?')[0] ?? '/';
    const isApi = pathname === '/v1' || pathname.startsWith('/v1/');
    // A missing hashed asset (an old build's chunk) must fail as such, not parse HTML as JavaScript.
    const isAsset = pathname.startsWith('/assets/');
    if ((request.method === 'GET' || request.method === 'HEAD') && !isApi && !isAsset) {
      if (hasApp) {
        reply.header('Cache-Control', 'no-cache');
        return reply.sendFile('index.html', root);
      }
      return reply.code(503).type('text/plain; charset=utf-8').send('The app is not built yet. Run `npm run build` (or `npm start`, which builds first).');
    }
    return reply.code(404).send(errorBody('not_found', `No such endpoint: ${request.method} ${pathname}`));
  });
}
