export { GraphWhatsAppClient, type WhatsAppClient } from './client.js';
export { createWhatsAppClient, zTemplateEnv, zWhatsAppEnv } from './config.js';
export { type OutboundMessage } from './messages.js';
export { listSandboxMessages, SandboxWhatsAppClient, type SandboxMessage } from './sandbox.js';
