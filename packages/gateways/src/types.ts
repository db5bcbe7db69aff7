import type { IncomingHttpHeaders } from 'node:http';
import type { AbandonmentJobPayload, PaymentJobPayload } from '@sara/jobs';
import type { z } from 'zod';
import type { zSharedGatewayEnv } from './env.js';

/** What a platform posted, before anything is parsed: signatures are over these exact bytes. */
export type GatewayRequest = {
  rawBody: Buffer;
  headers: IncomingHttpHeaders;
  query: Record<string, unknown>;
};

/** Why a delivery is not authentic; `where` names the header or parameter that carries the proof. */
export type VerificationFailure = { where: string; reason: 'missing' | 'malformed' | 'mismatch' | 'stale' };

/** The headers and query parameters that carry a delivery's proof, as the platform sends them. */
export type Proof = { headers: Record<string, string>; query: Record<string, string> };

/**
 * How a platform's deliveries are authenticated. The scheme that checks a proof also makes one,
 * so whatever posts a platform's deliveries in tests cannot drift from what the route checks;
 * each platform's known vector, computed outside Sara, keeps both honest.
 */
export type VerificationScheme = ((request: GatewayRequest, secret: string) => VerificationFailure | null) & {
  /** `timestamp` (unix seconds) is for schemes that sign the time too (Stripe). */
  sign: (rawBody: string | Buffer, secret: string, options?: { timestamp?: number }) => Proof;
};

/** What a delivery is read with, besides itself: the time, and the platforms' variables as the ingress read them. */
export type GatewayContext = {
  now: Date;
  /** Each handler is told only its own platform's settings and the shared ones, parsed from this. */
  env: Readonly<Record<string, unknown>>;
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

/** A platform's variables as its handlers read them: the shared ones and its own `settings`, parsed (never its secret). */
export type PlatformEnv<Settings extends z.ZodRawShape = Record<never, never>> = z.output<ReturnType<typeof zSharedGatewayEnv.extend<Settings>>>;

/** One event's handler, typed by the `settings` its platform declares. */
export type EventHandler<Settings extends z.ZodRawShape = Record<never, never>> = (
  body: unknown,
  context: { request: GatewayRequest; now: Date; env: PlatformEnv<Settings> },
) => GatewayMapping;

/** A handler as the registry holds it: it parses its own platform's variables out of the context. */
export type BoundHandler = (body: unknown, context: GatewayContext & { request: GatewayRequest }) => GatewayMapping;

/**
 * One checkout platform, as data: the environment variables it reads, how its deliveries are
 * authenticated, where its event name and delivery id live, and one handler per event Sara acts
 * on. Anything else is ignored.
 */
export type GatewayAdapter<Env extends z.ZodObject = z.ZodObject, Name extends string = string, Secret extends string = string> = {
  /** The name in the URL, in the jobs' `source` and in the log. */
  platform: Name;
  /** This platform's variables; the ingress env is composed from every adapter's. */
  env: Env;
  /** Which of them holds the secret; unset = the route answers 404. */
  secretEnv: Secret;
  verify: VerificationScheme;
  /** The platform's name of the event (Hotmart `event`, Stripe `type`, Shopify's topic header…). */
  eventName: (body: unknown, request: GatewayRequest) => string | undefined;
  /** The delivery's stable id, so a redelivery is recognised; absent = a hash of the body. */
  eventId: (body: unknown, request: GatewayRequest) => string | undefined;
  events: Record<string, BoundHandler>;
};
