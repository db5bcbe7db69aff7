import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { OfferInput, OfferListResponse, OfferTestRequest, OfferTestResponse, OfferView } from '../../../src/merchant-contract.js';
import { request, withQuery } from './client.js';
import { offersKey, offersKeyPrefix } from './keys.js';
import { useSession } from './session.js';

export const OFFERS_PAGE_SIZE = 50;

const offerPath = (productId: string) => `/api/offers/${encodeURIComponent(productId)}`;

export function useOffers(offset: number) {
  return useQuery({
    queryKey: offersKey(offset),
    queryFn: ({ signal }) => request<OfferListResponse>(withQuery('/api/offers', { limit: OFFERS_PAGE_SIZE, offset }), { signal }),
    placeholderData: keepPreviousData,
  });
}

/** PUT creates or replaces; DELETE deactivates (the row stays). Both answer the offer as stored. */
export function useSaveOffer() {
  const queryClient = useQueryClient();
  const { csrfToken } = useSession();
  return useMutation({
    mutationFn: ({ productId, offer }: { productId: string; offer: OfferInput }) =>
      request<OfferView>(offerPath(productId), { method: 'PUT', csrfToken, body: offer }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: offersKeyPrefix }),
  });
}

export function useDeactivateOffer() {
  const queryClient = useQueryClient();
  const { csrfToken } = useSession();
  return useMutation({
    mutationFn: (productId: string) => request<OfferView>(offerPath(productId), { method: 'DELETE', csrfToken }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: offersKeyPrefix }),
  });
}

/** "Testar": Sara's offline answer to a question with the unsaved draft; nothing is stored or sent. */
export function useTestOffer() {
  const { csrfToken } = useSession();
  return useMutation({
    mutationFn: (test: OfferTestRequest) => request<OfferTestResponse>('/api/offers/test', { method: 'POST', csrfToken, body: test }),
  });
}
