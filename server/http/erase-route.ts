// `POST /v1/erase`: answers with Clear-Site-Data so a phone that has deleted its database also loses the
// storage files that still hold old values. JSON only, so another site cannot trigger it (a cross-site JSON
// POST needs a CORS preflight this server never grants).
import type { FastifyInstance } from 'fastify';
import { API } from '../../schema/api.ts';
import type { AppContext } from '../context.ts';
import { HttpError } from './errors.ts';
import { route } from './route.ts';

export async function registerEraseRoute(app: FastifyInstance, ctx: AppContext): Promise<void> {
  route(app, ctx, API.erase, async ({ body }, request, reply) => {
    body();
    const site = request.headers['sec-fetch-site'];
    if (site !== undefined && site !== 'same-origin') throw new HttpError(403, 'forbidden', 'Only this app may clear its own storage.');
    reply.header('clear-site-data', '"storage"');
    return { ok: true };
  });
}
