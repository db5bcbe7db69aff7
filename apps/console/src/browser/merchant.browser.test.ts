import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { abandonmentBody, postSigned } from '../../../ingress/src/test-support/requests.js';
import { TEST_SECRETS } from '../../../ingress/src/test-support/ingress-harness.js';
import { waitFor } from '../../../../test/support/wait-for.js';
import { screenshot } from '../test-support/browser.js';
import { BrowserStack } from '../test-support/browser-stack.js';
import { entryScriptSize } from '../test-support/bundle-size.js';

const ADMIN = 'beatriz.admin@loja.test';
const PAYER = { name: 'Marta Quintana', phone: '+5511955557777', productId: 'prod_pao' };
const OTHER = { name: 'Renato Dias', phone: '+5511944446666', productId: 'prod_pao' };
const browser = new BrowserStack();
let stack: BrowserStack['stack'];

beforeAll(async () => {
  await browser.start();
  stack = browser.stack;
}, 90_000);
afterAll(() => browser.stop());

async function abandon(buyer: { name: string; phone: string; productId: string }, value: number): Promise<string> {
  const body = abandonmentBody({ name: buyer.name, phone: buyer.phone, productId: buyer.productId, value });
  await postSigned(stack.app, '/webhook/abandonment', JSON.stringify(body), TEST_SECRETS.PAYMENT_WEBHOOK_SECRET);
  await stack.waitForQueuesIdle();
  return body.abandonmentId as string;
}

const nav = (page: Page, name: string) => page.getByRole('navigation').getByRole('link', { name, exact: true });

describe("the merchant's console in a real browser", () => {
  it('walks every admin page: dashboard, offers with a test, sequences, a payment linked by hand, a buyer exported and erased, the audit', async () => {
    await abandon(PAYER, 297);
    await abandon(OTHER, 197);
    // A platform payment Sara could not match on its own (as one paid outside the matching window).
    const payment = await stack.prisma.payment.create({
      data: {
        source: 'hotmart',
        externalId: 'HP-MANUAL-1',
        buyerPhone: PAYER.phone,
        productId: PAYER.productId,
        amount: 297,
        currency: 'BRL',
        paidAt: new Date(),
        matchStatus: 'unmatched',
        reviewReason: 'no abandonment matched this payment',
      },
    });
    await browser.account('admin', ADMIN, 'Beatriz Admin');
    const { context, page, errors } = await browser.page();
    await browser.logIn(page, ADMIN);
    for (const name of ['Painel', 'Ofertas', 'Sequências e horários', 'Pagamentos para revisar', 'Compradores', 'Auditoria']) {
      await nav(page, name).waitFor();
    }

    // Painel: the chart has a name and a table with the same numbers.
    await nav(page, 'Painel').click();
    // The chart library loads on its own; the chart is drawn once its canvas is there.
    await page.locator('canvas').first().waitFor();
    const chart = page.getByRole('img', { name: /Receita recuperada/i });
    expect(await chart.count()).toBe(1);
    expect(await page.locator('table').count()).toBeGreaterThan(0);
    await screenshot(page, 'merchant-1-painel');

    // Ofertas: a new offer with one FAQ entry, tried with "Testar" before saving.
    await nav(page, 'Ofertas').click();
    await page.getByRole('button', { name: 'Nova oferta' }).click();
    await page.getByLabel('Código do produto').fill('prod_pao');
    await page.getByLabel('Nome do produto').fill('Curso de Pães');
    await page.getByLabel('Link de pagamento').fill('https://pay.loja.test/pao');
    await page.getByLabel('Pergunta 1').fill('Tem certificado?');
    await page.getByLabel('Resposta 1').fill('Sim, um certificado digital ao concluir.');
    await page.getByLabel('Pergunta do comprador').fill('tem certificado no final?');
    await page.getByRole('button', { name: 'Testar' }).click();
    await page.getByText('Sim, um certificado digital ao concluir.', { exact: false }).nth(1).waitFor();
    expect(await stack.prisma.productOffer.count()).toBe(0);
    await screenshot(page, 'merchant-2-ofertas');
    await page.getByRole('button', { name: 'Salvar oferta' }).click();
    await waitFor(async () => (await stack.prisma.productOffer.count({ where: { productId: 'prod_pao' } })) === 1, 10_000, 'the offer saved');
    expect((await stack.prisma.productOffer.findUniqueOrThrow({ where: { productId: 'prod_pao' } })).faq).toEqual([
      { question: 'Tem certificado?', answer: 'Sim, um certificado digital ao concluir.' },
    ]);

    // Sequências e horários: the cart's second message two hours after the abandonment.
    await nav(page, 'Sequências e horários').click();
    const cart = page.getByRole('form', { name: 'Carrinho' });
    await cart.getByLabel('Enviar a mensagem 2 depois de').fill('2');
    await cart.getByLabel('Unidade da mensagem 2').selectOption('hours');
    await cart.getByRole('button', { name: 'Salvar sequência de Carrinho' }).click();
    await waitFor(async () => (await stack.prisma.recoverySequence.count({ where: { kind: 'cart' } })) === 1, 10_000, 'the cart sequence saved');
    expect((await stack.prisma.recoverySequence.findUniqueOrThrow({ where: { kind: 'cart' } })).steps).toEqual(
      expect.arrayContaining([expect.objectContaining({ delaySeconds: 7_200 })]),
    );
    await screenshot(page, 'merchant-3-sequencias');

    // Pagamentos para revisar: link the payment to Marta's cart by hand; she is thanked once.
    const sentBefore = stack.graph.sent().length;
    await nav(page, 'Pagamentos para revisar').click();
    await page.getByRole('radio', { name: new RegExp(PAYER.name) }).check();
    await page.getByRole('button', { name: 'Ignorar' }).waitFor();
    await screenshot(page, 'merchant-4-pagamentos');
    await page.getByRole('button', { name: 'Vincular' }).click();
    await waitFor(async () => (await stack.prisma.payment.findUniqueOrThrow({ where: { id: payment.id } })).matchStatus === 'matched', 10_000, 'the link');
    await stack.waitForQueuesIdle();
    const linked = await stack.prisma.payment.findUniqueOrThrow({ where: { id: payment.id }, include: { abandonment: true } });
    expect(linked).toMatchObject({ matchedBy: 'manual', abandonment: { status: 'converted' } });
    expect(
      stack.graph
        .sent()
        .slice(sentBefore)
        .map((body) => body.to),
    ).toEqual([PAYER.phone.slice(1)]);

    // Compradores: find Renato, download his data, then erase it after the confirmation.
    await nav(page, 'Compradores').click();
    await page.getByLabel('Buscar comprador').fill('Renato');
    await page.getByLabel('Buscar comprador').press('Enter');
    await page.getByRole('region', { name: OTHER.name }).waitFor();
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Exportar dados' }).click();
    const exported = JSON.parse(readFileSync((await (await download).path())!, 'utf8')) as { user: { phoneNumber: string } };
    expect(JSON.stringify(exported)).toContain(OTHER.phone);
    await screenshot(page, 'merchant-5-compradores');
    await page.getByRole('button', { name: 'Apagar dados' }).click();
    await page.getByRole('button', { name: 'Confirmar exclusão' }).click();
    await waitFor(async () => (await stack.prisma.user.count({ where: { phoneNumber: OTHER.phone } })) === 0, 10_000, 'the erasure');

    // Auditoria: each of those actions, with who did it.
    await nav(page, 'Auditoria').click();
    await page.getByText('Beatriz Admin').first().waitFor();
    await screenshot(page, 'merchant-6-auditoria');
    const actions = (await stack.prisma.auditEvent.findMany({ where: { actor: { startsWith: 'operator:' } } })).map((row) => row.action);
    expect(actions).toEqual(expect.arrayContaining(['console.offers.put', 'console.sequences.put', 'console.payments.link', 'console.buyers.erase']));

    expect(errors).toEqual([]);
    await context.close();
  });

  it('keeps the first screen small and quick: entry script size and first contentful paint', async () => {
    const size = entryScriptSize(new URL('../../web/dist/', import.meta.url));
    const { context, page, errors } = await browser.page();
    await browser.logIn(page, ADMIN);
    await nav(page, 'Painel').waitFor();
    // A cold load of the dashboard in a new profile: what a person opening the console sees first.
    const cold = await browser.page();
    await cold.context.addCookies(await context.cookies());
    // The page's own "signed in before" mark, as a returning operator's browser holds it.
    await cold.page.addInitScript({ content: "localStorage.setItem('sara-console:signed-in', '1')" });
    await cold.page.goto(`${browser.baseUrl}/painel`, { waitUntil: 'load' });
    await cold.page.locator('canvas').first().waitFor();
    const fcp = await cold.page.evaluate(() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null);
    console.log(
      `console page: entry script ${size.file} ${(size.bytes / 1024).toFixed(1)} KB, ${(size.gzipBytes / 1024).toFixed(1)} KB gzipped; first contentful paint ${fcp?.toFixed(0)} ms`,
    );
    expect(size.gzipBytes).toBeLessThanOrEqual(300 * 1024);
    expect(fcp).not.toBeNull();
    expect([...errors, ...cold.errors]).toEqual([]);
    await cold.context.close();
    await context.close();
  });
});
