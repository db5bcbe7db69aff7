import type { OutboundContent } from '../outbound/message-outbox.js';

export type TemplateSettings = { language: string; abandonment: string; thanks: string };

export function templateSettingsFromEnv(env: {
  WHATSAPP_TEMPLATE_LANGUAGE: string;
  WHATSAPP_TEMPLATE_ABANDONMENT: string;
  WHATSAPP_TEMPLATE_THANKS: string;
}): TemplateSettings {
  return { language: env.WHATSAPP_TEMPLATE_LANGUAGE, abandonment: env.WHATSAPP_TEMPLATE_ABANDONMENT, thanks: env.WHATSAPP_TEMPLATE_THANKS };
}

export function firstName(name: string): string {
  return name.trim().split(/\s+/)[0] ?? name;
}

/** The approved template that opens a recovery: body {{1}} name, {{2}} product, {{3}} payment link. */
export function abandonmentTemplate(settings: TemplateSettings, input: { name: string; productName: string; paymentLink: string }): OutboundContent {
  return {
    kind: 'template',
    name: settings.abandonment,
    language: settings.language,
    bodyParameters: [firstName(input.name), input.productName, input.paymentLink],
  };
}

/**
 * The thanks after a payment: free text while Meta's 24 h window is open (the buyer wrote
 * recently), otherwise the approved template ({{1}} name, {{2}} product).
 */
export function thanksMessage(
  settings: TemplateSettings,
  input: { name: string; productName: string; windowOpen: boolean },
): OutboundContent {
  if (input.windowOpen) {
    return {
      kind: 'text',
      text: `Pagamento confirmado, ${firstName(input.name)}! 🎉 Obrigada pela compra de ${input.productName}. Qualquer dúvida, é só chamar por aqui.`,
    };
  }
  return { kind: 'template', name: settings.thanks, language: settings.language, bodyParameters: [firstName(input.name), input.productName] };
}
