// @vitest-environment happy-dom
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, test } from 'vitest';
import { apiError } from '../test-support/fake-api.js';
import { candidate, payment, signInAsAdmin, text } from '../test-support/merchant-fixtures.js';
import { renderApp, setupAppHarness } from '../test-support/render-app.js';

const harness = setupAppHarness();

const unmatched = payment();
const review = payment({
  id: 'pay-2',
  source: 'kiwify',
  amount: '150.00',
  matchStatus: 'review',
  reviewReason: 'amount 150.00 matches neither the original value 297.00 nor its discounted value',
});
const maria = candidate();
const joao = candidate({ id: '6f1c2a4e-1111-4a2b-8c3d-000000000002', buyerName: 'João Pereira', matchedBy: 'product', kind: 'cart', value: 267.3 });

function serve() {
  const lists: Record<string, unknown[]> = { unmatched: [unmatched], review: [review], ignored: [], matched: [] };
  return signInAsAdmin(harness.api())
    .on('GET', '/api/payments', ({ url }) => {
      const payments = lists[url.searchParams.get('status') ?? ''] ?? [];
      return { status: 200, body: { payments, total: payments.length, pagination: { limit: 25, offset: 0, total: payments.length } } };
    })
    .on('GET', '/api/payments/pay-1/candidates', { status: 200, body: { abandonments: [maria, joao] } })
    .on('GET', '/api/payments/pay-2/candidates', { status: 200, body: { abandonments: [] } });
}

describe('Pagamentos para revisar', () => {
  test('lists the unmatched and the review payments with their reasons in Portuguese, and opens the first', async () => {
    const api = serve();
    renderApp('/pagamentos');

    const noCart = await screen.findByRole('region', { name: /Sem carrinho correspondente/ });
    expect(text(await within(noCart).findByRole('button'))).toBe(
      'R$ 297,00 · Hotmart · 02/12 14:05 Nenhum carrinho aberto do produto curso-bolo com este telefone ou e-mail nas 72 h antes do pagamento',
    );
    const inReview = screen.getByRole('region', { name: /Em revisão/ });
    expect(within(inReview).getByText('O valor pago (R$ 150,00) não é o valor do carrinho (R$ 297,00) nem o valor com desconto')).toBeTruthy();
    expect(api.callsTo('GET', '/api/payments').map((call) => call.url.searchParams.get('status'))).toEqual(expect.arrayContaining(['unmatched', 'review']));

    const detail = screen.getByRole('region', { name: /^Pagamento de R\$\s297,00 · Hotmart$/ });
    expect(within(detail).getByText('+5511••••••321 · ma•••@gmail.com')).toBeTruthy();
    const choices = await within(detail).findAllByRole('radio');
    expect(choices.map((radio) => text(radio.nextElementSibling))).toEqual([
      'Maria Silva · Curso de Confeitaria · R$ 297,00 Pix expirado em 30/11 11:00 · Em andamento · mesmo telefone',
      'João Pereira · Curso de Confeitaria · R$ 267,30 Carrinho em 30/11 11:00 · Em andamento · mesmo produto',
    ]);
  });

  test('"Vincular" posts the chosen abandonment, after asking to choose one', async () => {
    const api = serve();
    api.on('POST', '/api/payments/pay-1/link', {
      status: 200,
      body: {
        payment: { ...unmatched, matchStatus: 'matched', matchedBy: 'manual' },
        abandonment: { id: joao.id, status: 'converted', conversionLink: 'discounted' },
        thanksMessageId: 'm-9',
      },
    });
    const user = userEvent.setup();
    renderApp('/pagamentos');
    await screen.findAllByRole('radio');

    await user.click(screen.getByRole('button', { name: 'Vincular' }));
    expect(screen.getByText('Escolha o carrinho a que este pagamento pertence.')).toBeTruthy();
    expect(api.callsTo('POST', '/api/payments/pay-1/link')).toHaveLength(0);

    await user.click(screen.getByRole('radio', { name: /João Pereira/ }));
    await user.click(screen.getByRole('button', { name: 'Vincular' }));
    expect(await screen.findByText('Pagamento vinculado ao carrinho de João Pereira. A Sara vai agradecer a compra.')).toBeTruthy();
    const [posted] = api.callsTo('POST', '/api/payments/pay-1/link');
    expect(posted?.body).toEqual({ abandonmentId: joao.id });
    expect(posted?.headers.get('X-CSRF-Token')).toBe('csrf-bia');
    // The lists are asked again: the payment has moved to "Vinculados".
    await waitFor(() => expect(api.callsTo('GET', '/api/payments').length).toBeGreaterThan(2));
  });

  test('a link the server refuses says why in Portuguese', async () => {
    const api = serve();
    api.on('POST', '/api/payments/pay-1/link', { status: 409, body: apiError('PAYMENT_AMOUNT_MISMATCH') });
    const user = userEvent.setup();
    renderApp('/pagamentos');
    await user.click(await screen.findByRole('radio', { name: /Maria Silva/ }));
    await user.click(screen.getByRole('button', { name: 'Vincular' }));
    expect((await screen.findByRole('alert')).textContent).toBe('O valor pago não é o do carrinho nem o valor com desconto: nada foi vinculado.');
  });

  test('"Ignorar" asks a reason before it posts', async () => {
    const api = serve();
    api.on('POST', '/api/payments/pay-2/ignore', { status: 200, body: { payment: { ...review, matchStatus: 'ignored', reviewReason: 'Venda de teste' } } });
    const user = userEvent.setup();
    renderApp('/pagamentos');

    await user.click(await screen.findByRole('button', { name: /R\$\s150,00 · Kiwify/ }));
    const detail = await screen.findByRole('region', { name: /^Pagamento de R\$\s150,00 · Kiwify$/ });
    // Chosen by a click: reading goes on in the detail, which a phone shows below the list.
    expect(document.activeElement).toBe(within(detail).getByRole('heading', { level: 2 }));
    expect(within(detail).getByText(/Nenhum carrinho aberto do mesmo comprador ou produto/)).toBeTruthy();
    await user.click(within(detail).getByRole('button', { name: 'Ignorar' }));
    const reason = within(detail).getByLabelText('Motivo para ignorar');
    expect(document.activeElement).toBe(reason);
    await user.click(within(detail).getByRole('button', { name: 'Confirmar' }));
    expect(within(detail).getByText('Diga por que ignorar este pagamento (até 200 caracteres).')).toBeTruthy();
    expect(api.callsTo('POST', '/api/payments/pay-2/ignore')).toHaveLength(0);

    await user.type(reason, 'Venda de teste');
    await user.click(within(detail).getByRole('button', { name: 'Confirmar' }));
    expect(await screen.findByText(/Pagamento ignorado/)).toBeTruthy();
    const [posted] = api.callsTo('POST', '/api/payments/pay-2/ignore');
    expect(posted?.body).toEqual({ reason: 'Venda de teste' });
    expect(posted?.headers.get('X-CSRF-Token')).toBe('csrf-bia');
  });

  test('the ignored ones keep the reason a person gave', async () => {
    const api = serve();
    api.on('GET', '/api/payments', ({ url }) => {
      const payments = url.searchParams.get('status') === 'ignored' ? [payment({ id: 'pay-3', matchStatus: 'ignored', reviewReason: 'Reembolsada' })] : [];
      return { status: 200, body: { payments, total: payments.length, pagination: { limit: 25, offset: 0, total: payments.length } } };
    });
    api.on('GET', '/api/payments/pay-3/candidates', { status: 200, body: { abandonments: [] } });
    const user = userEvent.setup();
    renderApp('/pagamentos');
    await user.click(await screen.findByRole('button', { name: 'Ignorados' }));
    const detail = await screen.findByRole('region', { name: /Pagamento de R\$\s297,00/ });
    expect(within(detail).getAllByText('Reembolsada').length).toBeGreaterThan(0);
    expect(within(detail).queryByRole('button', { name: 'Ignorar' })).toBeNull();
  });
});
