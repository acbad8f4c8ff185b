// `POST /v1/erase`: answers with Clear-Site-Data so a phone that has deleted its database also loses the
// storage files that still hold old values. JSON only, so another site cannot trigger it (a cross-site JSON
// POST needs a CORS preflight this server never grants).
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { HttpError, parseInput } from './errors.ts';

const eraseBody = z.object({}).strict();

export async function registerEraseRoute(app: FastifyInstance): Promise<void> {
  app.post('/v1/erase', async (request, reply) => {
    parseInput(eraseBody, request.body);
    const site = request.headers['sec-fetch-site'];
    if (site !== undefined && site !== 'same-origin') throw new HttpError(403, 'forbidden', 'Only this app may clear its own storage.');
    return reply.header('clear-site-data', '"storage"').send({ ok: true });
  });
}
