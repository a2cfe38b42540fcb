import type { FastifyPluginAsync } from 'fastify';
import type { Database } from '../../db/client.ts';

/** /healthz: the process answers. /readyz: and its database does. Both outside /api, no session. */
export const healthRoutes: FastifyPluginAsync<{ database: Database }> = async (app, { database }) => {
  app.get('/healthz', { schema: { hide: true } }, () => ({ status: 'ok' }));
  app.get('/readyz', { schema: { hide: true } }, async (req, reply) => {
    try {
      await database.ping();
      return { status: 'ready', database: database.mode };
    } catch (err) {
      req.log.warn({ err }, 'database not reachable');
      return reply.status(503).send({ error: 'not_ready', message: 'Cơ sở dữ liệu không truy cập được.' });
    }
  });
};
