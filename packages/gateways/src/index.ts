export { GATEWAYS, gatewayFor, zGatewaysEnv } from './registry.js';
export { boundedKey, understand, type UnderstoodEvent } from './gateway.js';
export { constantTimeEquals } from './verify.js';
export { normalizePhone, type PhoneResult } from './phone.js';
export { STRIPE_TOLERANCE_SECONDS } from './platforms/stripe.js';
export type { GatewayAdapter, GatewayMapping, GatewayRequest, GatewaySettings, Platform, VerificationFailure } from './types.js';
