import { createHmac, randomUUID } from 'node:crypto';
import type { Platform } from '@sara/gateways';
import type { Express } from 'express';
import Stripe from 'stripe';
import request from 'supertest';
import { TEST_SECRETS } from './ingress-harness.js';

export const GATEWAY_SECRETS: Record<Platform, string> = {
  hotmart: TEST_SECRETS.HOTMART_HOTTOK,
  kiwify: TEST_SECRETS.KIWIFY_WEBHOOK_TOKEN,
  eduzz: TEST_SECRETS.EDUZZ_WEBHOOK_SECRET,
  stripe: TEST_SECRETS.STRIPE_WEBHOOK_SECRET,
  shopify: TEST_SECRETS.SHOPIFY_WEBHOOK_SECRET,
};

export type Delivery = { query: Record<string, string>; headers: Record<string, string> };

/**
 * Authenticates a body the way each platform does. Stripe's header comes from the official
 * package's own test helper; `stripeTimestamp` (unix seconds) makes an old one.
 */
export function authenticate(platform: Platform, raw: string, options: { secret?: string; stripeTimestamp?: number; shopifyTopic?: string } = {}): Delivery {
  const secret = options.secret ?? GATEWAY_SECRETS[platform];
  switch (platform) {
    case 'hotmart':
      return { query: {}, headers: { 'X-HOTMART-HOTTOK': secret } };
    case 'kiwify':
      return { query: { signature: createHmac('sha1', secret).update(raw).digest('hex') }, headers: {} };
    case 'eduzz':
      return { query: {}, headers: { 'x-signature': createHmac('sha256', secret).update(raw).digest('hex') } };
    case 'stripe':
      return {
        query: {},
        headers: {
          'Stripe-Signature': Stripe.webhooks.generateTestHeaderString({
            payload: raw,
            secret,
            ...(options.stripeTimestamp ? { timestamp: options.stripeTimestamp } : {}),
          }),
        },
      };
    case 'shopify':
      return {
        query: {},
        headers: {
          'X-Shopify-Hmac-Sha256': createHmac('sha256', secret).update(raw).digest('base64'),
          'X-Shopify-Topic': options.shopifyTopic ?? 'checkouts/update',
          'X-Shopify-Webhook-Id': randomUUID(),
        },
      };
  }
}

export function postGateway(app: Express, platform: Platform, raw: string, delivery: Delivery = authenticate(platform, raw)) {
  return request(app).post(`/webhook/gateways/${platform}`).query(delivery.query).set('Content-Type', 'application/json').set(delivery.headers).send(raw);
}
