import type { FastifyInstance } from 'fastify';

const tags = ['群众诉求（公开页面，无需登录）'];

export async function requestPublicRoutes(app: FastifyInstance) {
  void app;
  void tags;
}
