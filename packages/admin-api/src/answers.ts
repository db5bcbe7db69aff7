import type {
  AuditEventView,
  BuyerDataExport,
  BuyerErasure,
  BuyerSummary,
  DailyPoint,
  PaymentCandidate,
  PaymentReview,
  RecoveryReportView,
  RecoverySettingsView,
  ReplyPreview,
  SequenceView,
  StoredProductOffer,
} from '@sara/domain';

/**
 * What each route of these routers answers, as the handlers build it (`const answer: X`). The
 * console's merchant-contract.ts states the same shapes for the page, and its
 * merchant-contract.check.ts fails the type check the moment the two differ.
 */
export type Pagination = { limit: number; offset: number; total: number };

export type OfferListAnswer = { offers: StoredProductOffer[]; total: number; pagination: Pagination };
export type OfferAnswer = StoredProductOffer;
export type OfferTestAnswer = ReplyPreview;

export type SequenceListAnswer = { sequences: SequenceView[] };
export type SequenceAnswer = SequenceView;
export type SettingsAnswer = RecoverySettingsView;

export type ReportAnswer = RecoveryReportView;
export type DailyReportAnswer = { days: DailyPoint[] };

export type PaymentListAnswer = { payments: PaymentReview[]; total: number; pagination: Pagination };
export type PaymentCandidatesAnswer = { abandonments: PaymentCandidate[] };
export type PaymentLinkAnswer = {
  payment: PaymentReview;
  abandonment: { id: string; status: 'converted'; conversionLink: 'original' | 'discounted' };
  thanksMessageId: string | null;
};
export type PaymentIgnoreAnswer = { payment: PaymentReview };

export type BuyerSearchAnswer = { buyers: BuyerSummary[] };
export type BuyerExportAnswer = BuyerDataExport;
export type BuyerErasureAnswer = {
  status: 'erased';
  erased: BuyerErasure['erased'] & { jobs: number | null; sandboxMessages: number | null };
  tombstone: boolean;
};

export type AuditListAnswer = { events: AuditEventView[]; total: number; pagination: Pagination };
