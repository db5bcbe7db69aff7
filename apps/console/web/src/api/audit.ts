import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { AuditListResponse, OperatorListResponse } from '../../../src/merchant-contract.js';
import { request, withQuery } from './client.js';
import { auditKey } from './keys.js';

export const AUDIT_PAGE_SIZE = 50;

export type AuditFilters = { action: string; actor: string; from: string; to: string };

/** The team, so "Quem" offers every person, not only those on the rows shown. */
export function useOperators() {
  return useQuery({
    queryKey: ['operators'],
    queryFn: ({ signal }) => request<OperatorListResponse>('/api/operators', { signal }),
    staleTime: 60_000,
  });
}

export function useAudit(filters: AuditFilters, offset: number) {
  return useQuery({
    queryKey: auditKey(filters, offset),
    queryFn: ({ signal }) => request<AuditListResponse>(withQuery('/api/audit', { ...filters, limit: AUDIT_PAGE_SIZE, offset }), { signal }),
    placeholderData: keepPreviousData,
  });
}
