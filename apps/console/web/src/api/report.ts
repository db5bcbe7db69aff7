import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { DailyReportResponse, ReportView } from '../../../src/merchant-contract.js';
import { request, withQuery } from './client.js';
import { dailyReportKey, reportKey } from './keys.js';

/** GET /api/report: the period's funnel and the holdout (agents read it too). */
export function useReport(from: string, to: string) {
  return useQuery({
    queryKey: reportKey(from, to),
    queryFn: ({ signal }) => request<ReportView>(withQuery('/api/report', { from, to }), { signal }),
    placeholderData: keepPreviousData,
  });
}

/** GET /api/report/daily: one point per shop day, for the chart and its table. */
export function useDailyReport(from: string, to: string) {
  return useQuery({
    queryKey: dailyReportKey(from, to),
    queryFn: ({ signal }) => request<DailyReportResponse>(withQuery('/api/report/daily', { from, to }), { signal }),
    placeholderData: keepPreviousData,
  });
}
