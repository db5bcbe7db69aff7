import type { IncomingHttpHeaders } from 'node:http';
import type { AbandonmentJobPayload, EventSource, PaymentJobPayload } from '@sara/jobs';
import type { z } from 'zod';

export type Platform = Exclude<EventSource, 'sara'>;

/** What a platform posted, before anything is parsed: signatures are over these exact bytes. */
export type GatewayRequest = {
  rawBody: Buffer;
  headers: IncomingHttpHeaders;
  query: Record<string, unknown>;
};

/** Why a delivery is not authentic; `where` names the header or parameter that carries the proof. */
export type VerificationFailure = { where: string; reason: 'missing' | 'malformed' | 'mismatch' | 'stale' };

export type VerificationScheme = (request: GatewayRequest, secret: string) => VerificationFailure | null;

export type GatewaySettings = {
  now: Date;
  /** A Shopify checkout still open this long after it was last touched is abandoned. */
  shopifyAbandonDelayMs: number;
  /** A Pix generated or boleto printed and still unpaid this long later gets a reminder. */
  pendingPaymentDelayMs: number;
};

/** How Sara understands one platform event. */
export type GatewayMapping =
  | { type: 'abandonment'; event: AbandonmentJobPayload }
  | { type: 'payment'; event: PaymentJobPayload }
  /** The checkout with this abandonment key was completed: a pending abandonment of it is void. */
  | { type: 'checkout_completed'; checkoutKey: string }
  /** Authentic and well-formed, but nothing for Sara to do (another event type, a refund…). */
  | { type: 'ignored'; reason: string }
  /** The data cannot be used as it is (an impossible phone number…): `field` says where. */
  | { type: 'rejected'; field: string; reason: string };

export type EventHandler = (body: unknown, context: { request: GatewayRequest; settings: GatewaySettings }) => GatewayMapping;

/**
 * One checkout platform, as data: the environment variables it reads, how its deliveries are
 * authenticated, where its event name and delivery id live, and one handler per event Sara acts
 * on. Anything else is ignored.
 */
export type GatewayAdapter<Env extends z.ZodObject = z.ZodObject> = {
  platform: Platform;
  /** This platform's variables; the ingress env is composed from every adapter's. */
  env: Env;
  /** Which of them holds the secret; unset = the route answers 404. */
  secretEnv: string;
  verify: VerificationScheme;
  /** The platform's name of the event (Hotmart `event`, Stripe `type`, Shopify's topic header…). */
  eventName: (body: unknown, request: GatewayRequest) => string | undefined;
  /** The delivery's stable id, so a redelivery is recognised; absent = a hash of the body. */
  eventId: (body: unknown, request: GatewayRequest) => string | undefined;
  events: Record<string, EventHandler>;
};
