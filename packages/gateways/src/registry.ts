import type { z } from 'zod';
import { zSharedGatewayEnv } from './env.js';
import { eduzz } from './platforms/eduzz.js';
import { hotmart } from './platforms/hotmart.js';
import { kiwify } from './platforms/kiwify.js';
import { shopify } from './platforms/shopify.js';
import { stripe } from './platforms/stripe.js';
import type { GatewayAdapter, Platform } from './types.js';

/** Every checkout platform Sara accepts webhooks from; a new one is one file and one line here. */
export const GATEWAYS = { hotmart, kiwify, eduzz, stripe, shopify } satisfies Partial<Record<Platform, GatewayAdapter>>;

export function gatewayFor(platform: string): GatewayAdapter | undefined {
  return Object.hasOwn(GATEWAYS, platform) ? (GATEWAYS as Partial<Record<string, GatewayAdapter>>)[platform] : undefined;
}

type Registered = (typeof GATEWAYS)[keyof typeof GATEWAYS];
/** Every adapter's variables as one shape, so the ingress's parsed env still names each one. */
type EveryShape<Adapter> = (Adapter extends GatewayAdapter<infer Env> ? (shape: Env['shape']) => void : never) extends (shape: infer All) => void ? All : never;

/** What the ingress reads for checkout platforms: each adapter's own variables and the shared ones. */
export const zGatewaysEnv = Object.values(GATEWAYS).reduce<z.ZodObject>(
  (schema, adapter) => schema.extend(adapter.env.shape),
  zSharedGatewayEnv,
) as z.ZodObject<EveryShape<Registered> & typeof zSharedGatewayEnv.shape>;
