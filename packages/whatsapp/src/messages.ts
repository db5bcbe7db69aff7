/** What Sara sends. `to` is E.164 with the plus ("+5511999999999"), as stored everywhere else. */
export type OutboundMessage =
  | { kind: 'text'; to: string; text: string; previewUrl?: boolean }
  | {
      kind: 'template';
      to: string;
      name: string;
      language: string;
      bodyParameters: string[];
      urlButtonParameter?: string;
    }
  | { kind: 'interactive'; to: string; bodyText: string; buttons: { id: string; title: string }[] };

/**
 * Meta's documented Cloud API limits. Checking them here turns a Graph 400 after a network
 * round trip (and a wasted rate-limit slot) into an error before any request is made.
 */
export const WHATSAPP_LIMITS = {
  textBody: 4096,
  interactiveBody: 1024,
  replyButtons: 3,
  buttonTitle: 20,
  buttonId: 256,
} as const;

/**
 * A message that Meta would reject as built. Messages describe the rule broken, never the
 * recipient or the text, because these end up in logs and job failure reasons.
 */
export class WhatsAppMessageError extends Error {
  override readonly name = 'WhatsAppMessageError';
}

const E164 = /^\+[1-9]\d{6,14}$/;
export const TEMPLATE_NAME_PATTERN = /^[a-z0-9_]{1,512}$/;
export const TEMPLATE_LANGUAGE_PATTERN = /^[a-z]{2,3}(?:_[A-Za-z]{2,4})?$/;
// Meta rejects template parameters with these (error 132018) only after the request is made.
const BAD_TEMPLATE_PARAMETER = /[\n\t]| {5}/;

/** Builds the exact `POST /{phone-number-id}/messages` body, throwing if Meta would refuse it. */
export function toGraphBody(message: OutboundMessage): Record<string, unknown> {
  const envelope = {
    messaging_product: 'whatsapp',
    recipient_type: 'individual',
    to: toGraphRecipient(message.to),
  };
  switch (message.kind) {
    case 'text':
      checkText('text body', message.text, WHATSAPP_LIMITS.textBody);
      return {
        ...envelope,
        type: 'text',
        text: { body: message.text, preview_url: message.previewUrl ?? false },
      };
    case 'template':
      return { ...envelope, type: 'template', template: buildTemplate(message) };
    case 'interactive':
      return { ...envelope, type: 'interactive', interactive: buildReplyButtons(message) };
    default:
      // Job payloads arrive as JSON, so the type system cannot promise this is unreachable.
      throw new WhatsAppMessageError(`unknown message kind "${String((message as { kind: unknown }).kind)}"`);
  }
}

/** Graph wants the digits only; anything but a plausible E.164 number would be a wrong send. */
function toGraphRecipient(to: string): string {
  if (typeof to !== 'string' || !E164.test(to)) {
    throw new WhatsAppMessageError('recipient must be an E.164 number with a leading + (7 to 15 digits)');
  }
  return to.slice(1);
}

function buildTemplate(message: Extract<OutboundMessage, { kind: 'template' }>): Record<string, unknown> {
  if (!TEMPLATE_NAME_PATTERN.test(message.name)) {
    throw new WhatsAppMessageError('template name must be lowercase letters, digits and _ (as registered at Meta)');
  }
  if (!TEMPLATE_LANGUAGE_PATTERN.test(message.language)) {
    throw new WhatsAppMessageError('template language must be a Meta language code such as pt_BR or en');
  }
  message.bodyParameters.forEach((value, index) => checkTemplateParameter(`body parameter {{${index + 1}}}`, value));

  const components: Record<string, unknown>[] = [];
  if (message.bodyParameters.length > 0) {
    components.push({
      type: 'body',
      parameters: message.bodyParameters.map((text) => ({ type: 'text', text })),
    });
  }
  if (message.urlButtonParameter !== undefined) {
    checkTemplateParameter('URL button parameter', message.urlButtonParameter);
    components.push({
      type: 'button',
      sub_type: 'url',
      index: '0',
      parameters: [{ type: 'text', text: message.urlButtonParameter }],
    });
  }
  const template: Record<string, unknown> = { name: message.name, language: { code: message.language } };
  // A template without variables is sent without components, as in Meta's own hello_world sample.
  if (components.length > 0) template.components = components;
  return template;
}

function buildReplyButtons(message: Extract<OutboundMessage, { kind: 'interactive' }>): Record<string, unknown> {
  checkText('interactive body', message.bodyText, WHATSAPP_LIMITS.interactiveBody);
  const { buttons } = message;
  if (buttons.length < 1 || buttons.length > WHATSAPP_LIMITS.replyButtons) {
    throw new WhatsAppMessageError(`interactive messages take 1 to ${WHATSAPP_LIMITS.replyButtons} reply buttons, got ${buttons.length}`);
  }
  buttons.forEach((button, index) => {
    checkText(`button ${index + 1} title`, button.title, WHATSAPP_LIMITS.buttonTitle);
    checkText(`button ${index + 1} id`, button.id, WHATSAPP_LIMITS.buttonId);
  });
  if (new Set(buttons.map((button) => button.id)).size !== buttons.length) {
    throw new WhatsAppMessageError('reply button ids must be unique within a message');
  }
  return {
    type: 'button',
    body: { text: message.bodyText },
    action: { buttons: buttons.map(({ id, title }) => ({ type: 'reply', reply: { id, title } })) },
  };
}

function checkText(what: string, value: string, max: number): void {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new WhatsAppMessageError(`${what} must not be empty`);
  }
  const length = countCharacters(value);
  if (length > max) {
    throw new WhatsAppMessageError(`${what} is ${length} characters; WhatsApp allows at most ${max}`);
  }
}

function checkTemplateParameter(what: string, value: string): void {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new WhatsAppMessageError(`template ${what} must not be empty`);
  }
  if (BAD_TEMPLATE_PARAMETER.test(value)) {
    throw new WhatsAppMessageError(`template ${what} must not contain new lines, tabs or more than 4 consecutive spaces`);
  }
}

/** Code points, not UTF-16 units, so an emoji in a button title costs one character, not two. */
function countCharacters(value: string): number {
  return Array.from(value).length;
}
