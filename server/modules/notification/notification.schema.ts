import { z } from 'zod';
import { PageQuery } from '../../core/pagination.js';

export const NotificationView = z.object({
  id: z.string(),
  kind: z.string(),
  title: z.string(),
  body: z.string(),
  link: z.string().nullable(),
  createdAt: z.string(),
  read: z.boolean(),
});
export type NotificationView = z.infer<typeof NotificationView>;

export const NotificationListQuery = PageQuery.extend({
  unread: z
    .enum(['true', 'false'], { message: 'unread 只能是 true 或 false' })
    .transform((v) => v === 'true')
    .optional(),
});
export type NotificationListQuery = z.infer<typeof NotificationListQuery>;

export const UnreadCount = z.object({ unread: z.number().int() });
