import type * as Answers from '@sara/admin-api';
import type * as Contract from './merchant-contract.js';

/**
 * Holds merchant-contract.ts (what the page is told) to what @sara/admin-api's handlers build:
 * each pair below must be the same type once sent as JSON (a Date becomes its ISO string), or
 * `tsc` fails here. Changing either side means changing both.
 */
type Json<T> = T extends Date ? string : T extends object ? { [K in keyof T]: Json<T[K]> } : T;
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Holds<Answer, Promised> = Same<Json<Answer>, Promised>;

export const merchantContractHolds: [
  Holds<Answers.OfferListAnswer, Contract.OfferListResponse>,
  Holds<Answers.OfferAnswer, Contract.OfferResponse>,
  Holds<Answers.OfferAnswer, Contract.OfferDeactivateResponse>,
  Holds<Answers.OfferTestAnswer, Contract.OfferTestResponse>,
  Holds<Answers.SequenceListAnswer, Contract.SequenceListResponse>,
  Holds<Answers.SequenceAnswer, Contract.SequenceResetResponse>,
  Holds<Answers.SettingsAnswer, Contract.SettingsResponse>,
  Holds<Answers.ReportAnswer, Contract.ReportView>,
  Holds<Answers.DailyReportAnswer, Contract.DailyReportResponse>,
  Holds<Answers.PaymentListAnswer, Contract.PaymentListResponse>,
  Holds<Answers.PaymentCandidatesAnswer, Contract.PaymentCandidatesResponse>,
  Holds<Answers.PaymentLinkAnswer, Contract.PaymentLinkResponse>,
  Holds<Answers.PaymentIgnoreAnswer, Contract.PaymentIgnoreResponse>,
  Holds<Answers.BuyerSearchAnswer, Contract.BuyerSearchResponse>,
  Holds<Answers.BuyerExportAnswer, Contract.BuyerExport>,
  Holds<Answers.BuyerErasureAnswer, Contract.BuyerErasureResponse>,
  Holds<Answers.AuditListAnswer, Contract.AuditListResponse>,
] = [true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true];
