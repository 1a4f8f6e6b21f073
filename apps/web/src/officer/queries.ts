import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client';
import { dataOf } from '../api/problem';

/** The open decisions of the organisation (GET /inbox): due ones first, then the oldest. */
export const useInbox = () =>
  useQuery({
    queryKey: ['inbox'],
    queryFn: async () => dataOf(await api.GET('/inbox', { params: { query: { limit: 100 } } })),
  });

/** The escalation queue (GET /escalations): open breaches, the nearest deadline first. */
export const useEscalations = (includeClosed = false) =>
  useQuery({
    queryKey: ['escalations', { includeClosed }],
    queryFn: async () =>
      dataOf(
        await api.GET('/escalations', {
          params: { query: { limit: 100, ...(includeClosed ? { includeClosed } : {}) } },
        }),
      ),
  });
