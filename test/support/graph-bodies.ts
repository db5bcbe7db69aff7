/**
 * Graph API request bodies as Meta documents them, for tests to hold what Sara sent against. Spelled
 * out here once, from Meta's reference, never built with the client's own code: a test must not
 * agree with the code it checks by construction.
 */

/** A `template` object in pt_BR with its body parameters (and any further components, e.g. a URL button). */
export function graphTemplate(name: string, bodyTexts: string[], moreComponents: Record<string, unknown>[] = []) {
  return {
    name,
    language: { code: 'pt_BR' },
    components: [{ type: 'body', parameters: bodyTexts.map((text) => ({ type: 'text', text })) }, ...moreComponents],
  };
}

/** The whole body of a template message to `to` (digits only, as Graph wants them). */
export function graphTemplateMessage(to: string, template: ReturnType<typeof graphTemplate>) {
  return { messaging_product: 'whatsapp', recipient_type: 'individual', to, type: 'template', template };
}
