import type { PrismaClientOrTransaction } from '../client.js';
import type { AbandonmentKind } from '../recovery/commands.js';
import type { ProductOfferCatalog } from '../recovery/product-offer-catalog.js';
import type { SequenceCatalog } from '../recovery/sequence-catalog.js';
import { stepTemplate, type TemplateSettings } from '../recovery/templates.js';

export type TemplateChoice = { name: string; parameters: string[] };

/**
 * The approved templates an operator may send a buyer once Meta's window closed: the ones the
 * shop's recovery sequence for this kind already uses (so Meta approved them), with their
 * parameters filled as Sara would fill them for this buyer.
 */
export class TemplateChoices {
  constructor(
    private readonly db: PrismaClientOrTransaction,
    private readonly deps: { templates: TemplateSettings; sequences: SequenceCatalog; offers: ProductOfferCatalog },
  ) {}

  async forConversation(conversationId: string): Promise<TemplateChoice[]> {
    const conversation = await this.db.conversation.findUnique({
      where: { id: conversationId },
      select: { user: { select: { name: true } }, abandonment: { select: { kind: true, productId: true, productName: true, paymentLink: true } } },
    });
    if (!conversation) return [];
    const { abandonment } = conversation;
    const kind = abandonment.kind as AbandonmentKind;
    const offer = await this.deps.offers.find(abandonment.productId);
    const input = {
      name: conversation.user.name,
      productName: offer?.productName ?? abandonment.productName ?? abandonment.productId,
      paymentLink: (kind === 'pix_generated' || kind === 'boleto_printed' ? abandonment.paymentLink : offer?.paymentLink) ?? abandonment.paymentLink ?? '',
    };
    const names = [...new Set((await this.deps.sequences.forKind(kind)).map((step) => step.template))];
    return names.map((name) => {
      const content = stepTemplate(this.deps.templates, kind, name, input);
      return { name, parameters: content.kind === 'template' ? content.bodyParameters : [] };
    });
  }
}
