import type { FastifyInstance } from 'fastify';

const tags = ['消息'];

export async function notificationRoutes(app: FastifyInstance) {
  void app;
  void tags;
}
