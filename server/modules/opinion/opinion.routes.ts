import type { FastifyInstance } from 'fastify';

const tags = ['社情民意信息与期刊'];

export async function opinionRoutes(app: FastifyInstance) {
  void app;
  void tags;
}
