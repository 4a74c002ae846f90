import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { RETRY_AFTER_SECONDS, zapp } from '../../core/http.js';

const Health = z.object({
  status: z.enum(['ok', 'error']),
  database: z.object({
    kind: z.enum(['pglite', 'postgres']),
    label: z.string(),
    location: z.string(),
    state: z.enum(['ok', 'error']),
    latencyMs: z.number(),
    error: z.string().optional(),
  }),
  uptimeSeconds: z.number(),
});

export async function systemRoutes(app: FastifyInstance) {
  const r = zapp(app);
  r.get(
    '/api/health',
    { config: { access: 'public' }, schema: { tags: ['系统'], summary: '健康检查：所用数据库及其状态', response: { 200: Health, 503: Health } } },
    async (req, reply) => {
      const { database } = req.server.deps;
      const started = performance.now();
      let error: string | undefined;
      await database.ping().catch((e: Error) => (error = e.message));
      const body = {
        status: error ? ('error' as const) : ('ok' as const),
        database: {
          kind: database.kind,
          label: database.kind === 'pglite' ? '内嵌 PostgreSQL（PGlite）' : 'PostgreSQL 服务器',
          location: database.location,
          state: error ? ('error' as const) : ('ok' as const),
          latencyMs: Math.round((performance.now() - started) * 10) / 10,
          ...(error ? { error: '数据库无法连接' } : {}),
        },
        uptimeSeconds: Math.round(process.uptime()),
      };
      // the same "try again shortly" as every other route answers while the database is away
      if (error) reply.header('retry-after', String(RETRY_AFTER_SECONDS));
      return reply.status(error ? 503 : 200).send(body);
    },
  );
  r.get(
    '/api/openapi.json',
    { config: { access: 'public' }, schema: { hide: true } },
    async () => app.swagger(),
  );
}
