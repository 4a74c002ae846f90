import type { FastifyInstance } from 'fastify';

const tags = ['搜索'];

export async function searchRoutes(app: FastifyInstance) {
  void app;
  void tags;
}
