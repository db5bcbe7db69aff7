export { GraphWhatsAppClient, type WhatsAppClient } from './client.js';
export { createWhatsAppClient, zTemplateEnv, zWhatsAppEnv } from './config.js';
export { type OutboundMessage } from './messages.js';
export { deleteSandboxMessagesTo, listSandboxMessages, SandboxWhatsAppClient, type SandboxMessage } from './sandbox.js';
