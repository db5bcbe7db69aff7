import { describe, expect, it } from 'vitest';
import { OfflineBrain } from './offline-brain.js';
import type { ReplyRequest } from './types.js';

const brain = new OfflineBrain();
const base: ReplyRequest = { buyerFirstName: 'Bruno', productName: 'E-book Receitas Low Carb', productValue: 47, hasDiscount: true, history: [], message: '' };
const lifetime = { index: 2, question: 'O acesso é vitalício?', answer: 'Sim! O PDF é seu para sempre, sem mensalidade', score: 9 };

describe('OfflineBrain with the FAQ', () => {
  it('answers a doubt with the entry the shop wrote, in a sentence, and names the entry', async () => {
    const decision = await brain.decide({ ...base, message: 'o acesso é vitalício?', knowledge: [lifetime] });
    expect(decision.reply).toContain('Sim! O PDF é seu para sempre, sem mensalidade.');
    expect(decision.reply).toMatch(/Bruno/);
    expect(decision).toMatchObject({ intent: 'question', faqEntry: 2, unanswered: false });
  });

  it('promises the team, never a guess, when no entry answers a question about the product', async () => {
    const decision = await brain.decide({ ...base, message: 'tem certificado?', knowledge: [] });
    expect(decision).toMatchObject({ intent: 'question', faqEntry: null, unanswered: true });
    expect(decision.reply).toMatch(/equipe/);
    expect(decision.reply).not.toMatch(/\d|link da página|detalhes/);
  });

  it('answers a question about paying from the link, without calling the team', async () => {
    for (const message of ['como faço pra pagar?', 'aceita pix?', 'posso pagar no boleto?', 'cadê o link?']) {
      const decision = await brain.decide({ ...base, message });
      expect(decision.unanswered, message).toBe(false);
      expect(decision.reply, message).toMatch(/link aqui embaixo/);
    }
  });

  it('keeps the discount reply for a buyer who asks for a lower price, whatever the FAQ says', async () => {
    const decision = await brain.decide({ ...base, message: 'tá caro, tem desconto?', knowledge: [lifetime] });
    expect(decision).toMatchObject({ intent: 'price_question', wantsDiscount: true, faqEntry: null });
    expect(decision.reply).toMatch(/opções/);
  });

  it('does not call the team for what is not a question', async () => {
    for (const message of ['vou pensar', 'sim, quero', 'kkkk', 'meu cartão foi recusado']) {
      expect((await brain.decide({ ...base, message })).unanswered, message).toBe(false);
    }
  });
});
