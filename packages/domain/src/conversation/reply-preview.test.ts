import { afterAll, describe, expect, it } from 'vitest';
import { createTestPrisma } from '../../../../test/support/database.js';
import { previewReply, replySettingsFromEnv, type OfferDraft } from './reply-preview.js';

const prisma = createTestPrisma();
afterAll(() => prisma.$disconnect());

const settings = replySettingsFromEnv({ AI_REPLY_MAX_CHARS: 700, DISCOUNT_MIN_CART_VALUE: 500, DISCOUNT_MAX_OFFERS: 3 });

const draft: OfferDraft = {
  productName: 'Curso de Confeitaria',
  paymentLink: 'https://pay.loja.example/confeitaria',
  discountLink: null,
  discountPercent: null,
  faq: [
    { question: 'Quanto tempo tenho de acesso ao curso?', answer: 'O acesso é vitalício, com todas as atualizações.' },
    { question: 'Tem certificado?', answer: 'Sim, você recebe o certificado digital ao concluir as aulas.' },
  ],
};

describe("the offer's test reply (the offline brain on a draft)", () => {
  it('answers a question of the FAQ with its entry, in the reply Sara would send, payment link appended', async () => {
    const preview = await previewReply(prisma, draft, 'O curso tem certificado?', settings);

    expect(preview.entry).toEqual({ index: 1, question: 'Tem certificado?', answer: 'Sim, você recebe o certificado digital ao concluir as aulas.' });
    expect(preview.reply).toContain('Sim, você recebe o certificado digital ao concluir as aulas.');
    expect(preview.reply).toContain('Para finalizar sua compra: https://pay.loja.example/confeitaria');
    expect(preview.unanswered).toBe(false);
  });

  it('promises to ask the team when no entry answers, never a guess', async () => {
    const preview = await previewReply(prisma, draft, 'Vocês aceitam bitcoin?', settings);

    expect(preview.entry).toBeNull();
    expect(preview.unanswered).toBe(true);
    expect(preview.reply).toMatch(/confirmar com a nossa equipe/);
  });

  it('says goodbye to a buyer who asks to stop, as the worker would, with no sales link', async () => {
    const preview = await previewReply(prisma, draft, 'não quero mais receber mensagens', settings);

    expect(preview).toMatchObject({ entry: null, unanswered: false });
    expect(preview.reply).toMatch(/não vai mais receber mensagens/);
    expect(preview.reply).not.toContain('https://');
  });
});
