import type { AbandonmentKind } from './commands.js';
import type { OutboundContent } from '../outbound/message-outbox.js';

export type TemplateSettings = {
  language: string;
  abandonment: string;
  thanks: string;
  /** Pix generated / boleto printed, still unpaid. */
  paymentPending: string;
  /** Pix / boleto expired unpaid. */
  paymentExpired: string;
};

export function templateSettingsFromEnv(env: {
  WHATSAPP_TEMPLATE_LANGUAGE: string;
  WHATSAPP_TEMPLATE_ABANDONMENT: string;
  WHATSAPP_TEMPLATE_THANKS: string;
  WHATSAPP_TEMPLATE_PAYMENT_PENDING: string;
  WHATSAPP_TEMPLATE_PAYMENT_EXPIRED: string;
}): TemplateSettings {
  return {
    language: env.WHATSAPP_TEMPLATE_LANGUAGE,
    abandonment: env.WHATSAPP_TEMPLATE_ABANDONMENT,
    thanks: env.WHATSAPP_TEMPLATE_THANKS,
    paymentPending: env.WHATSAPP_TEMPLATE_PAYMENT_PENDING,
    paymentExpired: env.WHATSAPP_TEMPLATE_PAYMENT_EXPIRED,
  };
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

const PAYMENT_METHOD_LABEL = { pix_generated: 'Pix', pix_expired: 'Pix', boleto_printed: 'boleto', boleto_expired: 'boleto' } as const;

/**
 * The first message of a recovery, by what the buyer left behind: the cart template, or the
 * payment-method ones that name the Pix or boleto ("seu Pix expirou — aqui está um novo link").
 */
export function recoveryTemplate(
  settings: TemplateSettings,
  kind: AbandonmentKind,
  input: { name: string; productName: string; paymentLink: string },
): OutboundContent {
  if (kind === 'cart') return abandonmentTemplate(settings, input);
  const name = kind === 'pix_generated' || kind === 'boleto_printed' ? settings.paymentPending : settings.paymentExpired;
  return stepTemplate(settings, kind, name, input);
}

/**
 * A follow-up of a recovery sequence: the step's own approved template, with the parameters of
 * its kind's first template (cart: name, product, link; Pix/boleto: name, method, product, link),
 * so a shop writes its follow-ups with the same placeholders.
 */
export function stepTemplate(
  settings: TemplateSettings,
  kind: AbandonmentKind,
  name: string,
  input: { name: string; productName: string; paymentLink: string },
): OutboundContent {
  const bodyParameters =
    kind === 'cart'
      ? [firstName(input.name), input.productName, input.paymentLink]
      : [firstName(input.name), PAYMENT_METHOD_LABEL[kind], input.productName, input.paymentLink];
  return { kind: 'template', name, language: settings.language, bodyParameters };
}

/**
 * The thanks after a payment: free text while Meta's 24 h window is open (the buyer wrote
 * recently), otherwise the approved template ({{1}} name, {{2}} product).
 */
export function thanksMessage(settings: TemplateSettings, input: { name: string; productName: string; windowOpen: boolean }): OutboundContent {
  if (input.windowOpen) {
    return {
      kind: 'text',
      text: `Pagamento confirmado, ${firstName(input.name)}! 🎉 Obrigada pela compra de ${input.productName}. Qualquer dúvida, é só chamar por aqui.`,
    };
  }
  return { kind: 'template', name: settings.thanks, language: settings.language, bodyParameters: [firstName(input.name), input.productName] };
}
