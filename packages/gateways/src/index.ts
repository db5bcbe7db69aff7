export { GATEWAYS, gatewayFor, zGatewaysEnv } from './registry.js';
export { boundedKey, understand } from './gateway.js';
export { constantTimeEquals } from './verify.js';
export type { GatewayAdapter, GatewayMapping, GatewayRequest, GatewaySettings, Platform, VerificationFailure } from './types.js';
