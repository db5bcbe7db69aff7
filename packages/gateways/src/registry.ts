import type { z } from 'zod';
import { zSharedGatewayEnv } from './env.js';
import { eduzz } from './platforms/eduzz.js';
import { hotmart } from './platforms/hotmart.js';
import { kiwify } from './platforms/kiwify.js';
import { shopify } from './platforms/shopify.js';
import { stripe } from './platforms/stripe.js';
import type { GatewayAdapter } from './types.js';

/** Each adapter under the name it declares, so the URL, the jobs' `source` and the log agree. */
function registry<const Adapters extends { [Name in keyof Adapters]: GatewayAdapter<z.ZodObject, Name & string> }>(adapters: Adapters): Adapters {
  return adapters;
}

/**
 * Every checkout platform Sara accepts webhooks from: the one list of platforms. A new one is
 * one file and one line here; its env, its route and its `source` in the jobs follow from it.
 */
export const GATEWAYS = registry({ hotmart, kiwify, eduzz, stripe, shopify });

/** A registered platform's name. */
export type Platform = keyof typeof GATEWAYS;

export function gatewayFor(platform: string): GatewayAdapter | undefined {
  return Object.hasOwn(GATEWAYS, platform) ? (GATEWAYS as Partial<Record<string, GatewayAdapter>>)[platform] : undefined;
}

type Registered = (typeof GATEWAYS)[Platform];
/** Every adapter's variables as one shape, so the ingress's parsed env still names each one. */
type EveryShape<Adapter> = (Adapter extends GatewayAdapter<infer Env> ? (shape: Env['shape']) => void : never) extends (shape: infer All) => void ? All : never;

/** What the ingress reads for checkout platforms: each adapter's own variables and the shared ones. */
export const zGatewaysEnv = Object.values(GATEWAYS).reduce<z.ZodObject>(
  (schema, adapter) => schema.extend(adapter.env.shape),
  zSharedGatewayEnv,
) as z.ZodObject<EveryShape<Registered> & typeof zSharedGatewayEnv.shape>;
export type GatewaysEnv = z.output<typeof zGatewaysEnv>;

/** A platform's secret in a parsed env; unset or blank, its route answers 404. */
export function secretOf(adapter: GatewayAdapter, env: Readonly<Record<string, unknown>>): string | undefined {
  const secret = env[adapter.secretEnv];
  return typeof secret === 'string' && secret !== '' ? secret : undefined;
}
