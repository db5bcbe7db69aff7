import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  PaymentCandidatesResponse,
  PaymentIgnoreResponse,
  PaymentLinkResponse,
  PaymentListResponse,
  PaymentStatus,
} from '../../../src/merchant-contract.js';
import { request, withQuery } from './client.js';
import { candidatesKey, paymentsKey, paymentsKeyPrefix, reportKeyPrefix } from './keys.js';
import { useSession } from './session.js';

export const PAYMENTS_PAGE_SIZE = 25;

const paymentPath = (id: string, action: string) => `/api/payments/${encodeURIComponent(id)}/${action}`;

export function usePayments(status: PaymentStatus, offset: number) {
  return useQuery({
    queryKey: paymentsKey(status, offset),
    queryFn: ({ signal }) => request<PaymentListResponse>(withQuery('/api/payments', { status, limit: PAYMENTS_PAGE_SIZE, offset }), { signal }),
    placeholderData: keepPreviousData,
  });
}

/** The open abandonments of the payment's buyer or product, to choose one by hand. */
export function useCandidates(paymentId: string) {
  return useQuery({
    queryKey: candidatesKey(paymentId),
    queryFn: ({ signal }) => request<PaymentCandidatesResponse>(paymentPath(paymentId, 'candidates'), { signal }),
  });
}

/** "Vincular" and "Ignorar" move the payment to another list, and a link adds a recovery to the report. */
export function usePaymentDecision(paymentId: string) {
  const queryClient = useQueryClient();
  const { csrfToken } = useSession();
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: paymentsKeyPrefix });
    void queryClient.invalidateQueries({ queryKey: reportKeyPrefix });
  };
  const link = useMutation({
    mutationFn: (abandonmentId: string) => request<PaymentLinkResponse>(paymentPath(paymentId, 'link'), { method: 'POST', csrfToken, body: { abandonmentId } }),
    onSuccess: refresh,
    // A 409 means someone or something settled it meanwhile: show the lists as they are now.
    onError: refresh,
  });
  const ignore = useMutation({
    mutationFn: (reason: string) => request<PaymentIgnoreResponse>(paymentPath(paymentId, 'ignore'), { method: 'POST', csrfToken, body: { reason } }),
    onSuccess: refresh,
    onError: refresh,
  });
  return { link, ignore };
}
