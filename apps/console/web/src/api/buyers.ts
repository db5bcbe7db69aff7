import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { BuyerErasureResponse, BuyerExport, BuyerSearchResponse } from '../../../src/merchant-contract.js';
import { request, withQuery } from './client.js';
import { buyerHistoryKey, buyerSearchKey, buyersKeyPrefix } from './keys.js';
import { useSession } from './session.js';

export const MIN_BUYER_QUERY = 2;

const buyerPath = (phone: string) => `/api/buyers/${encodeURIComponent(phone)}`;

export function useBuyerSearch(q: string) {
  return useQuery({
    queryKey: buyerSearchKey(q),
    queryFn: ({ signal }) => request<BuyerSearchResponse>(withQuery('/api/buyers', { q }), { signal }),
    enabled: q.length >= MIN_BUYER_QUERY,
    placeholderData: keepPreviousData,
  });
}

/**
 * The buyer's opt-out history comes with their full copy (GET /api/buyers/:phone), which the
 * server records in the audit as an export: so it is read only when the person asks for it.
 */
export function useBuyerHistory(phone: string, enabled: boolean) {
  return useQuery({
    queryKey: buyerHistoryKey(phone),
    queryFn: ({ signal }) => request<BuyerExport>(buyerPath(phone), { signal }),
    enabled,
    staleTime: Infinity,
  });
}

/** "Exportar dados": the buyer's copy (LGPD art. 18), saved as a JSON file. */
export function useExportBuyer() {
  return useMutation({
    mutationFn: async (phone: string) => {
      const data = await request<BuyerExport>(withQuery(buyerPath(phone), { download: 1 }));
      saveJson(data, `sara-comprador-${phone.replace(/\D/g, '').slice(-4)}.json`);
      return data;
    },
  });
}

export function useEraseBuyer() {
  const queryClient = useQueryClient();
  const { csrfToken } = useSession();
  return useMutation({
    mutationFn: (phone: string) => request<BuyerErasureResponse>(buyerPath(phone), { method: 'DELETE', csrfToken }),
    onSuccess: () => {
      // Nothing of the erased buyer may stay in memory, search results included.
      queryClient.removeQueries({ queryKey: buyersKeyPrefix });
    },
  });
}

function saveJson(data: unknown, filename: string): void {
  const url = URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // The click has handed the file to the browser; the object URL can go at the next turn.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
