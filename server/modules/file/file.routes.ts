import type { FastifyInstance } from 'fastify';

const tags = ['附件'];

export async function fileRoutes(app: FastifyInstance) {
  void app;
  void tags;
}
