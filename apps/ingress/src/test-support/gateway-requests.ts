import { randomUUID } from 'node:crypto';
import { GATEWAYS, type Platform } from '@sara/gateways';
import type { Express } from 'express';
import request from 'supertest';
import { TEST_SECRETS } from './ingress-harness.js';

/** The secret the test app holds for each platform. */
export const GATEWAY_SECRETS = Object.fromEntries(Object.values(GATEWAYS).map((adapter) => [adapter.platform, TEST_SECRETS[adapter.secretEnv]])) as Record<
  Platform,
  string
>;

export type Delivery = { query: Record<string, string>; headers: Record<string, string> };

/**
 * Authenticates a body the way its platform does, with the proof its adapter's own scheme makes
 * (Stripe's from the official package); `stripeTimestamp` (unix seconds) makes an old one.
 * Shopify names the event in a header, so its deliveries carry a topic and a webhook id too.
 */
export function authenticate(platform: Platform, raw: string, options: { secret?: string; stripeTimestamp?: number; shopifyTopic?: string } = {}): Delivery {
  const secret = options.secret ?? GATEWAY_SECRETS[platform];
  const proof = GATEWAYS[platform].verify.sign(raw, secret, { timestamp: options.stripeTimestamp });
  if (platform !== 'shopify') return proof;
  return { ...proof, headers: { ...proof.headers, 'X-Shopify-Topic': options.shopifyTopic ?? 'checkouts/update', 'X-Shopify-Webhook-Id': randomUUID() } };
}

export function postGateway(app: Express, platform: Platform, raw: string, delivery: Delivery = authenticate(platform, raw)) {
  return request(app).post(`/webhook/gateways/${platform}`).query(delivery.query).set('Content-Type', 'application/json').set(delivery.headers).send(raw);
}
