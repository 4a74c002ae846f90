import type { FastifyInstance } from 'fastify';
import { ctxOf, errorResponses, IdParams, Ok, zapp } from '../../core/http.js';
import { pageOf } from '../../core/pagination.js';
import { NotificationListQuery, NotificationView, UnreadCount } from './notification.schema.js';
import { listNotifications, markRead, unreadCount } from './notification.service.js';

const tags = ['消息'];
const access = { access: 'signedIn' as const };

export async function notificationRoutes(app: FastifyInstance) {
  const r = zapp(app);
  r.get('/api/notifications', { config: access, schema: { tags, summary: '我的消息（站内信，新的在前）', querystring: NotificationListQuery, response: { 200: pageOf(NotificationView).extend(UnreadCount.shape), ...errorResponses } } }, async (req) =>
    listNotifications(ctxOf(req), req.query),
  );
  r.get('/api/notifications/unread', { config: access, schema: { tags, summary: '未读消息数', response: { 200: UnreadCount, ...errorResponses } } }, async (req) => unreadCount(ctxOf(req)));
  r.post('/api/notifications/:id/read', { config: access, schema: { tags, summary: '标为已读', params: IdParams, response: { 200: Ok, ...errorResponses } } }, async (req) => markRead(ctxOf(req), req.params.id));
  r.post('/api/notifications/read-all', { config: access, schema: { tags, summary: '全部标为已读', response: { 200: Ok, ...errorResponses } } }, async (req) => markRead(ctxOf(req)));
}
