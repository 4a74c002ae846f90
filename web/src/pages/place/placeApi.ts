import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { PlaceCreateBody, PlaceUpdateBody, PlaceView } from '@server/modules/place/place.schema';
import { api, get, post, put } from '../../api/client';

export type { PlaceView };

export const usePlaces = () => useQuery({ queryKey: ['places'], queryFn: () => get<PlaceView[]>('/api/places') });

/** Writes answer with the whole fresh list, which replaces the cached one. */
export function usePlaceActions() {
  const qc = useQueryClient();
  const into = (data: PlaceView[]) => qc.setQueryData(['places'], data);
  return {
    create: useMutation({ mutationFn: (b: PlaceCreateBody) => post<PlaceView[]>('/api/places', b), onSuccess: into }),
    update: useMutation({ mutationFn: ({ id, ...b }: PlaceUpdateBody & { id: string }) => put<PlaceView[]>(`/api/places/${id}`, b), onSuccess: into }),
    remove: useMutation({ mutationFn: (id: string) => api<PlaceView[]>('DELETE', `/api/places/${id}`), onSuccess: into }),
  };
}
