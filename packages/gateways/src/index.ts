export { GATEWAYS, gatewayFor, secretOf, zGatewaysEnv, type GatewaysEnv, type Platform } from './registry.js';
export { boundedKey, understand } from './gateway.js';
export { constantTimeEquals } from './verify.js';
export { normalizePhone, type PhoneResult } from './phone.js';
export type { GatewayAdapter, GatewayContext, GatewayMapping, GatewayRequest, VerificationFailure } from './types.js';
