/**
 * What the recovery services are asked to do, in the domain's own words: no queue, job id or
 * envelope. The workers map their job data onto these; a test or a console calls the services
 * with them directly.
 */

/** What the buyer left behind; each kind opens the conversation with its own template. */
export const ABANDONMENT_KINDS = ['cart', 'pix_generated', 'pix_expired', 'boleto_printed', 'boleto_expired'] as const;
export type AbandonmentKind = (typeof ABANDONMENT_KINDS)[number];

/** Who reported an event: Sara's own webhook format ('sara') or a checkout platform. */
export type EventSource = string;

export type BuyerKeys = { phone?: string | null | undefined; email?: string | null | undefined };

/** A buyer left a checkout unpaid: start (at most) one recovery for it. */
export type AbandonmentCommand = {
  /** The platform's id of the checkout: the idempotency key of the whole recovery. */
  abandonmentId: string;
  /** Allocated when the event arrived, so the answer could name it before it existed. */
  conversationId?: string | undefined;
  name: string;
  /** E.164. */
  phone: string;
  email?: string | null | undefined;
  productId: string;
  productName?: string | null | undefined;
  paymentLink?: string | null | undefined;
  value?: number | null | undefined;
  kind: AbandonmentKind;
  source: EventSource;
  /** When the buyer abandoned, as the platform said (any string; unreadable ones are ignored). */
  timestamp?: string | null | undefined;
  /** Not to be contacted before this instant: the delay this delivery asked for. */
  notBefore?: string | null | undefined;
};

/**
 * A payment was reported. Sara's own format names its abandonment; a platform's names none
 * and carries the buyer (and on Shopify the checkout it completed) to be matched by.
 */
export type PaymentCommand = {
  paymentId: string;
  status: string;
  amount: number;
  source: EventSource;
  abandonmentId?: string | null | undefined;
  checkoutKey?: string | null | undefined;
  buyer?: BuyerKeys | null | undefined;
  productId?: string | null | undefined;
  currency?: string | null | undefined;
  /** Which link the sender says was paid; the amount decides, this only breaks a tie. */
  linkType?: 'original' | 'discounted' | null | undefined;
  timestamp?: string | null | undefined;
};
