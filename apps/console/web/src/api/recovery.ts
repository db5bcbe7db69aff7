import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { AbandonmentKind, SequenceListResponse, SequenceStepView, SequenceView, SettingsInput, SettingsView } from '../../../src/merchant-contract.js';
import { request } from './client.js';
import { reportKeyPrefix, sequencesKey, settingsKey } from './keys.js';
import { useSession } from './session.js';

export function useSequences() {
  return useQuery({ queryKey: sequencesKey, queryFn: ({ signal }) => request<SequenceListResponse>('/api/sequences', { signal }) });
}

/** Saving answers the kind's sequence as stored; "Voltar ao padrão" (DELETE) answers the default. */
export function useSaveSequence(kind: AbandonmentKind) {
  const queryClient = useQueryClient();
  const { csrfToken } = useSession();
  const path = `/api/sequences/${encodeURIComponent(kind)}`;
  const store = (stored: SequenceView) =>
    queryClient.setQueryData<SequenceListResponse>(sequencesKey, (current) =>
      current ? { sequences: current.sequences.map((s) => (s.kind === stored.kind ? stored : s)) } : current,
    );
  const save = useMutation({
    mutationFn: (steps: SequenceStepView[]) => request<SequenceView>(path, { method: 'PUT', csrfToken, body: { steps } }),
    onSuccess: store,
  });
  const reset = useMutation({ mutationFn: () => request<SequenceView>(path, { method: 'DELETE', csrfToken }), onSuccess: store });
  return { save, reset };
}

export function useSettings() {
  return useQuery({ queryKey: settingsKey, queryFn: ({ signal }) => request<SettingsView>('/api/settings', { signal }) });
}

export function useSaveSettings() {
  const queryClient = useQueryClient();
  const { csrfToken } = useSession();
  return useMutation({
    mutationFn: (change: SettingsInput) => request<SettingsView>('/api/settings', { method: 'PUT', csrfToken, body: change }),
    onSuccess: (settings) => {
      queryClient.setQueryData(settingsKey, settings);
      // The time zone decides the report's days.
      void queryClient.invalidateQueries({ queryKey: reportKeyPrefix });
    },
  });
}
