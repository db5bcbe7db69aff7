import { eduzz } from './platforms/eduzz.js';
import { hotmart } from './platforms/hotmart.js';
import { kiwify } from './platforms/kiwify.js';
import { shopify } from './platforms/shopify.js';
import { stripe } from './platforms/stripe.js';
import type { GatewayAdapter, Platform } from './types.js';

/** Every checkout platform Sara accepts webhooks from; a new one is one file and one line here. */
export const GATEWAYS: Partial<Record<Platform, GatewayAdapter>> = { hotmart, kiwify, eduzz, stripe, shopify };

export function gatewayFor(platform: string): GatewayAdapter | undefined {
  return Object.hasOwn(GATEWAYS, platform) ? GATEWAYS[platform as Platform] : undefined;
}
