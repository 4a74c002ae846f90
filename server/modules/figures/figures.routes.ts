import type { FastifyInstance } from 'fastify';

const tags = ['统计'];

export async function figuresRoutes(app: FastifyInstance) {
  void app;
  void tags;
}
