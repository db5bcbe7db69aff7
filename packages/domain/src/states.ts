/**
 * Every state a lifecycle column may hold, in one place: the code's unions come from these
 * lists and the database's CHECK constraints (migrations 20261203000000_state_checks,
 * 20261203200000_recovery_sequences and 20261205000000_payment_review) hold the same values,
 * which states.test.ts compares.
 */
export const CONVERSATION_STATUSES = ['awaiting_response', 'active', 'closed', 'error'] as const;
export type ConversationStatus = (typeof CONVERSATION_STATUSES)[number];

export const ABANDONMENT_STATUSES = ['initiated', 'active', 'converted', 'declined'] as const;
export type AbandonmentStatus = (typeof ABANDONMENT_STATUSES)[number];

/** Which link the buyer paid through. */
export const CONVERSION_LINKS = ['original', 'discounted'] as const;
export type ConversionLink = (typeof CONVERSION_LINKS)[number];

/** Outbound: queued → sending → sent → delivered → read, or failed, blocked, unknown. Inbound: received. */
export const MESSAGE_STATUSES = ['queued', 'sending', 'sent', 'delivered', 'read', 'failed', 'blocked', 'unknown', 'received'] as const;
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];

/** The holdout group of an abandonment: control buyers get no message at all. */
export const COHORTS = ['treatment', 'control'] as const;
export type Cohort = (typeof COHORTS)[number];

/** A follow-up step: planned, then sent or skipped (with its reason). */
export const RECOVERY_STEP_STATUSES = ['scheduled', 'sent', 'skipped'] as const;
export type RecoveryStepStatus = (typeof RECOVERY_STEP_STATUSES)[number];

/**
 * unmatched (no abandonment found), matched, review (found, but the amount or owner does not
 * fit), ignored (a person decided it needs nothing; their reason in review_reason).
 */
export const PAYMENT_MATCH_STATUSES = ['unmatched', 'matched', 'review', 'ignored'] as const;
export type PaymentMatchStatus = (typeof PAYMENT_MATCH_STATUSES)[number];

/** Which key found a payment's abandonment; `manual` is a person's "Vincular". */
export const PAYMENT_MATCHED_BY = ['checkout', 'phone', 'email', 'manual'] as const;
export type PaymentMatchedBy = (typeof PAYMENT_MATCHED_BY)[number];

/**
 * Why Sara herself closed a conversation. No CHECK holds closed_reason: an operator closing
 * one by hand (the admin API) gives a reason of their own, which `operatorReason` marks.
 */
export const CONVERSATION_CLOSED_REASONS = [
  'converted',
  'purchased',
  'payment_review',
  'paid_before_contact',
  'checkout_completed',
  'opted_out',
  'needs_human',
] as const;
export type SaraClosedReason = (typeof CONVERSATION_CLOSED_REASONS)[number];
declare const operatorBrand: unique symbol;
export type OperatorClosedReason = string & { readonly [operatorBrand]: true };
export type ConversationClosedReason = SaraClosedReason | OperatorClosedReason;

/** An operator's own words for closing a conversation, stored as given. */
export function operatorReason(reason: string): OperatorClosedReason {
  return reason as OperatorClosedReason;
}
