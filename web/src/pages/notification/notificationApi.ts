import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { NotificationView } from '@server/modules/notification/notification.schema';
import type { Page } from '@server/core/pagination';
import { get, post } from '../../api/client';

export type { NotificationView };
type NotificationPage = Page<NotificationView> & { unread: number };

/** The unread count, refreshed every minute (reminders arrive from the scheduler, not from this page). */
export const useUnreadCount = () =>
  useQuery({ queryKey: ['notifications', 'unread'], queryFn: () => get<{ unread: number }>('/api/notifications/unread'), refetchInterval: 60_000 });

export const useNotifications = (page: number, pageSize = 20) =>
  useQuery({ queryKey: ['notifications', 'list', page, pageSize], queryFn: () => get<NotificationPage>('/api/notifications', { page, pageSize }) });

export function useNotificationActions() {
  const qc = useQueryClient();
  const refresh = () => qc.invalidateQueries({ queryKey: ['notifications'] });
  return {
    read: useMutation({ mutationFn: (id: string) => post(`/api/notifications/${id}/read`), onSuccess: refresh }),
    readAll: useMutation({ mutationFn: () => post('/api/notifications/read-all'), onSuccess: refresh }),
  };
}
