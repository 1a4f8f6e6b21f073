import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, rememberPosition } from '../api/client';
import { dataOf } from '../api/problem';
import type { components } from '../api/schema';

export type Notification = components['schemas']['NotificationView'];
export type NotificationKind = Notification['kind'];
export type Delivery = components['schemas']['NotificationPreferenceView']['delivery'];

/** How many unread are shown at most; beyond it the header says "99+". */
const UNREAD_LIMIT = 99;

/** The caller's unread notifications, counted for the header (GET /notifications?unread=true). */
export function useUnreadCount() {
  return useQuery({
    queryKey: ['notifications', 'unread'],
    queryFn: async () => {
      const page = dataOf(
        await api.GET('/notifications', { params: { query: { unread: 'true', limit: UNREAD_LIMIT } } }),
      );
      return { count: page.items.length, more: page.page.nextCursor !== null };
    },
    refetchInterval: 30_000,
  });
}

/** Marks one read (POST /notifications/{id}/read); the inbox and the header's count are read again. */
export function useMarkRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (notificationId: string) => {
      const answer = await api.POST('/notifications/{notificationId}/read', { params: { path: { notificationId } } });
      rememberPosition(answer.response.headers.get('Log-Position') ?? undefined);
      return dataOf(answer);
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['notifications'] }),
  });
}

/** Kinds in words. */
export const KIND_NAMES: Readonly<Record<NotificationKind, string>> = {
  deadline: 'Deadlines',
  reminder: 'Reminders',
  escalation: 'Escalations',
  decision: 'Decisions',
  standstill: 'Supply standstills',
  plan: 'Corrective action plans',
  grievance: 'Grievances',
};

export const DELIVERY_NAMES: Readonly<Record<Delivery, string>> = {
  immediately: 'Mail immediately',
  daily_digest: 'Daily digest',
  off: 'No mail',
};
