import type { FastifyInstance } from 'fastify';

const tags = ['群众诉求（委员、机关）'];

export async function requestRoutes(app: FastifyInstance) {
  void app;
  void tags;
}
