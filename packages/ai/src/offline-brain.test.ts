import { describe, expect, it } from 'vitest';
import { OfflineBrain } from './offline-brain.js';
import type { Intent, ReplyRequest, Sentiment } from './types.js';

const brain = new OfflineBrain();
const base: ReplyRequest = {
  buyerFirstName: 'Maria',
  productName: 'Curso de Fotografia',
  productValue: 297,
  hasDiscount: true,
  history: [],
  message: '',
};
const decide = (message: string, extra: Partial<ReplyRequest> = {}) => brain.decide({ ...base, ...extra, message });

// [message, intent, wantsDiscount]
const TABLE: [string, Intent, boolean][] = [
  ['Achei muito caro', 'price_question', true],
  ['tá caaaro demais', 'price_question', true],
  ['Tem desconto?', 'price_question', true],
  ['tem algum cupom?', 'price_question', true],
  ['Não tem nada mais barato?', 'price_question', true],
  ['Quanto custa?', 'price_question', false],
  ['qual o preço mesmo?', 'price_question', false],
  ['Dá pra parcelar no cartão?', 'price_question', false],
  ['em quantas vezes posso pagar', 'price_question', false],
  ['Não tenho certeza ainda', 'objection', false],
  ['vou pensar', 'objection', false],
  ['Depois eu vejo isso', 'objection', false],
  ['to sem dinheiro esse mês', 'objection', false],
  ['não sei se vale a pena', 'objection', false],
  ['agora não, obrigada', 'objection', false],
  ['não quero comprar', 'objection', false],
  ['Sim', 'confirmation', false],
  ['siiiim quero!', 'confirmation', false],
  ['Vou comprar agora', 'confirmation', false],
  ['pode mandar o link', 'confirmation', false],
  ['ok', 'confirmation', false],
  ['Fechado!', 'confirmation', false],
  ['bora', 'confirmation', false],
  ['Quero sim, como faço pra pagar?', 'confirmation', false],
  ['meu cartão foi recusado', 'payment_issue', false],
  ['Não consegui pagar', 'payment_issue', false],
  ['deu erro no pagamento', 'payment_issue', false],
  ['o boleto não gera', 'payment_issue', false],
  ['o pix não foi', 'payment_issue', false],
  ['Como funciona o curso?', 'question', false],
  ['qual o prazo de entrega', 'question', false],
  ['tem certificado?', 'question', false],
  ['quero saber se tem garantia', 'question', false],
  ['Pare de me mandar mensagens', 'opt_out', false],
  ['não quero mais receber isso', 'opt_out', false],
  ['me tira da lista de vocês', 'opt_out', false],
  ['PARE', 'opt_out', false],
  ['não me mande mais nada', 'opt_out', false],
  ['depois de pagar, quando chega?', 'question', false],
  ['posso pagar no boleto?', 'question', false],
  ['qual o valor do frete?', 'price_question', false],
  ['o site travou na hora de pagar', 'payment_issue', false],
  ['não recebi o link', 'payment_issue', false],
  ['quero cancelar a compra', 'objection', false],
  ['não, obrigado', 'objection', false],
  ['beleza, vou ver', 'objection', false],
  ['tá bom', 'confirmation', false],
  ['me manda o link de novo', 'confirmation', false],
  ['cancelar', 'opt_out', false],
  ['que absurdo, parem de me mandar mensagem', 'opt_out', false],
  ['kkkkk', 'unclear', false],
  ['👍', 'unclear', false],
  ['oi', 'unclear', false],
  ['a Maria é minha irmã', 'unclear', false],
];

describe('OfflineBrain classification', () => {
  it.each(TABLE)('%j → %s (wantsDiscount %s)', async (message, intent, wantsDiscount) => {
    const decision = await decide(message);
    expect(decision.intent).toBe(intent);
    expect(decision.wantsDiscount).toBe(wantsDiscount);
  });

  it.each<[string, Sentiment]>([
    ['Adorei, quero sim!', 'positive'],
    ['obrigada 😊', 'positive'],
    ['sim', 'positive'],
    ['que absurdo esse preço', 'negative'],
    ['meu cartão foi recusado', 'negative'],
    ['vou pensar', 'neutral'],
    ['não, obrigado', 'neutral'],
    ['quero cancelar a compra', 'neutral'],
    ['tá caro demais', 'neutral'],
    ['posso pagar no boleto?', 'neutral'],
    ['Como funciona o curso?', 'neutral'],
  ])('%j has a %s sentiment', async (message, sentiment) => {
    expect((await decide(message)).sentiment).toBe(sentiment);
  });
});

describe('OfflineBrain replies', () => {
  it('is deterministic and marks itself offline at no token cost', async () => {
    const first = await decide('tem desconto?');
    const second = await decide('tem desconto?');
    expect({ ...second, latencyMs: 0 }).toEqual({ ...first, latencyMs: 0 });
    expect(first).toMatchObject({ source: 'offline', tokensUsed: 0 });
    expect(first.error).toBeUndefined();
  });

  it('never writes links, prices or percentages, and keeps replies short', async () => {
    for (const [message] of TABLE) {
      for (const hasDiscount of [true, false]) {
        const { reply } = await decide(message, { hasDiscount, productValue: 1234.56 });
        expect(reply).not.toMatch(/https?:|www\.|R\$|\d+\s*%|\d/);
        expect(reply.length).toBeLessThan(300);
        expect(reply).not.toContain('undefined');
      }
    }
  });

  it('uses the buyer first name and the product name', async () => {
    const { reply } = await decide('sim, quero');
    expect(reply).toContain('Maria');
    expect(reply).toContain('Curso de Fotografia');
  });

  it('reads well without a first name', async () => {
    const { reply } = await decide('sim, quero', { buyerFirstName: '' });
    expect(reply).not.toMatch(/,\s*[!.?]|\s,/);
  });

  it('promises no discount when there is none', async () => {
    const withOffer = await decide('tá caro', { hasDiscount: true });
    const without = await decide('tá caro', { hasDiscount: false });
    expect(withOffer.reply).toMatch(/opções/);
    expect(without.reply).toMatch(/não tenho (um desconto|nenhum cupom)/);
  });

  it('varies the wording across messages and turns of the same intent', async () => {
    const replies = new Set<string>();
    for (const message of ['sim', 'ok', 'bora', 'Fechado!', 'Vou comprar agora', 'pode mandar o link']) {
      replies.add((await decide(message)).reply);
    }
    expect(replies.size).toBeGreaterThan(1);
    const turns = new Set<string>();
    for (let turns_ = 0; turns_ < 6; turns_ += 1) {
      turns.add((await decide('vou pensar', { history: Array.from({ length: turns_ }, () => ({ from: 'user', text: 'oi' })) })).reply);
    }
    expect(turns.size).toBeGreaterThan(1);
  });
});

describe('OfflineBrain after a Pix or boleto', () => {
  const base = { buyerFirstName: 'Ana', productName: 'Curso de Confeitaria', productValue: 197, hasDiscount: false, history: [] };

  it('offers a new Pix when the old one expired', async () => {
    const decision = await new OfflineBrain().decide({ ...base, situation: 'pix_expired', message: 'quero pagar' });
    expect(decision.intent).toBe('confirmation');
    expect(decision.reply).toMatch(/Pix/);
    expect(decision.reply).toMatch(/expirou/);
  });

  it('reminds of a boleto still open', async () => {
    const decision = await new OfflineBrain().decide({ ...base, situation: 'boleto_printed', message: 'não consegui pagar' });
    expect(decision.intent).toBe('payment_issue');
    expect(decision.reply).toMatch(/boleto/);
  });

  it('answers a price question about an expired Pix as any price question', async () => {
    const cart = await new OfflineBrain().decide({ ...base, message: 'tem desconto?' });
    const expired = await new OfflineBrain().decide({ ...base, situation: 'pix_expired', message: 'tem desconto?' });
    expect(expired.reply).toBe(cart.reply);
  });
});
