export { GraphWhatsAppClient, toSendableGraphBody, type GraphWhatsAppClientOptions, type WhatsAppClient } from './client.js';
export { createWhatsAppClient, zTemplateEnv, zWhatsAppEnv, type WhatsAppEnv } from './config.js';
export { classifyGraphError, networkSendError, WhatsAppSendError, type WhatsAppSendErrorDetails, type WhatsAppSendErrorKind } from './errors.js';
export { toGraphBody, WHATSAPP_LIMITS, WhatsAppMessageError, type OutboundMessage } from './messages.js';
export { listSandboxMessages, SandboxWhatsAppClient, type SandboxMessage } from './sandbox.js';
