// @vitest-environment happy-dom
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, test } from 'vitest';
import { apiError } from '../test-support/fake-api.js';
import { offer, signInAsAdmin } from '../test-support/merchant-fixtures.js';
import { renderApp, setupAppHarness } from '../test-support/render-app.js';

const harness = setupAppHarness();

function serveOffers(offers = [offer(), offer({ productId: 'kit-bolo', productName: 'Kit Bolo', active: false, discountPercent: null, discountLink: null })]) {
  return signInAsAdmin(harness.api())
    .on('GET', '/api/offers', { status: 200, body: { offers, total: offers.length, pagination: { limit: 50, offset: 0, total: offers.length } } })
    .on('PUT', /^\/api\/offers\/[^/]+$/, ({ url, body }) => ({
      status: 200,
      body: { ...offer(), ...(body as object), productId: decodeURIComponent(url.pathname.split('/').pop()!) },
    }));
}

describe('Ofertas', () => {
  test('lists each offer with its discount, its answers and whether it is active', async () => {
    serveOffers();
    renderApp('/ofertas');
    const table = await screen.findByRole('table', { name: 'Ofertas' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(
      rows.map((row) =>
        within(row)
          .getAllByRole('cell')
          .map((cell) => cell.textContent),
      ),
    ).toEqual([
      ['10%', '1', 'Ativa', 'EditarDesativar'],
      ['Sem desconto', '1', 'Desativada', 'EditarReativar'],
    ]);
  });

  test('creates an offer with its FAQ, saying in Portuguese what is wrong before anything is sent', async () => {
    const api = serveOffers([]);
    const user = userEvent.setup();
    renderApp('/ofertas');

    await user.click(await screen.findByRole('button', { name: 'Nova oferta' }));
    await user.type(screen.getByLabelText('Código do produto'), 'curso-pao');
    await user.type(screen.getByLabelText('Nome do produto'), 'Curso de Pães');
    await user.type(screen.getByLabelText('Link de pagamento'), 'http://pay.hotmart.com/pao');
    await user.type(screen.getByLabelText('Desconto (%)'), '95');
    await user.click(screen.getByRole('button', { name: 'Salvar oferta' }));

    const link = screen.getByLabelText('Link de pagamento');
    expect(link.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText('Use um link completo que comece com https:// (até 1.024 caracteres).')).toBeTruthy();
    expect(screen.getByText(/O desconto vai de 0 a 90%/)).toBeTruthy();
    // The FAQ row left blank is no error: an offer may have no FAQ at all.
    expect(screen.queryByText('Escreva a pergunta (de 1 a 1000 caracteres).')).toBeNull();
    expect(document.activeElement).toBe(link);
    expect(api.callsTo('PUT', '/api/offers/curso-pao')).toHaveLength(0);

    await user.clear(link);
    await user.type(link, 'https://pay.hotmart.com/pao');
    await user.clear(screen.getByLabelText('Desconto (%)'));
    await user.type(screen.getByLabelText('Desconto (%)'), '12,5');
    await user.type(screen.getByLabelText('Link com desconto (opcional)'), 'https://pay.hotmart.com/pao?off=12');
    await user.type(screen.getByLabelText('Pergunta 1'), 'Tem certificado?');
    await user.type(screen.getByLabelText('Resposta 1'), 'Sim, digital.');
    await user.click(screen.getByRole('button', { name: 'Adicionar pergunta' }));
    await user.type(screen.getByLabelText('Pergunta 2'), 'Quanto tempo de acesso?');
    await user.type(screen.getByLabelText('Resposta 2'), 'Um ano.');
    await user.click(screen.getByRole('button', { name: 'Salvar oferta' }));

    expect(await screen.findByText('Oferta de Curso de Pães salva.')).toBeTruthy();
    const [put] = api.callsTo('PUT', '/api/offers/curso-pao');
    expect(put?.headers.get('X-CSRF-Token')).toBe('csrf-bia');
    expect(put?.body).toEqual({
      productName: 'Curso de Pães',
      paymentLink: 'https://pay.hotmart.com/pao',
      discountLink: 'https://pay.hotmart.com/pao?off=12',
      discountPercent: 12.5,
      active: true,
      faq: [
        { question: 'Tem certificado?', answer: 'Sim, digital.' },
        { question: 'Quanto tempo de acesso?', answer: 'Um ano.' },
      ],
    });
  });

  test('edits an offer; a field the server refuses is named next to it in Portuguese', async () => {
    const api = serveOffers();
    api.on('PUT', '/api/offers/curso-bolo', {
      status: 400,
      body: { error: { ...apiError('VALIDATION_ERROR').error, details: { field: 'faq[0].answer', reason: 'must be 1 to 1000 characters' } } },
    });
    const user = userEvent.setup();
    renderApp('/ofertas');

    await user.click(await screen.findByRole('button', { name: 'Editar Curso de Confeitaria' }));
    expect(screen.getByRole('heading', { name: 'Editar oferta: Curso de Confeitaria' })).toBeTruthy();
    expect((screen.getByLabelText('Pergunta 1') as HTMLInputElement).value).toBe('Tem garantia?');
    await user.clear(screen.getByLabelText('Nome do produto'));
    await user.type(screen.getByLabelText('Nome do produto'), 'Curso de Confeitaria Avançada');
    await user.click(screen.getByRole('button', { name: 'Salvar oferta' }));

    const answer = await screen.findByLabelText('Resposta 1');
    await waitFor(() => expect(answer.getAttribute('aria-invalid')).toBe('true'));
    expect(screen.getByText('Escreva a resposta (de 1 a 1000 caracteres).')).toBeTruthy();
    expect(screen.getByRole('alert').textContent).toBe('Confira os campos destacados: algo não foi aceito.');
    expect(api.callsTo('PUT', '/api/offers/curso-bolo')[0]?.body).toMatchObject({ productName: 'Curso de Confeitaria Avançada', discountPercent: 10 });
  });

  test('"Testar" posts the unsaved draft and the question, and shows the entry Sara would use and her reply', async () => {
    const api = serveOffers();
    api.on('POST', '/api/offers/test', {
      status: 200,
      body: {
        entry: { index: 1, question: 'Parcela?', answer: 'Em até 12x.' },
        reply: 'Parcela sim! Em até 12x.\nhttps://pay.hotmart.com/curso-bolo',
        unanswered: false,
      },
    });
    const user = userEvent.setup();
    renderApp('/ofertas');

    await user.click(await screen.findByRole('button', { name: 'Editar Curso de Confeitaria' }));
    await user.click(screen.getByRole('button', { name: 'Adicionar pergunta' }));
    await user.type(screen.getByLabelText('Pergunta 2'), 'Parcela?');
    await user.type(screen.getByLabelText('Resposta 2'), 'Em até 12x.');
    await user.type(screen.getByLabelText('Pergunta do comprador'), 'dá pra parcelar?');
    await user.click(screen.getByRole('button', { name: 'Testar' }));

    expect(await screen.findByText(/A Sara usaria a pergunta 2/)).toBeTruthy();
    expect(screen.getByText(/Parcela sim! Em até 12x\./).textContent).toBe('Parcela sim! Em até 12x.\nhttps://pay.hotmart.com/curso-bolo');
    const [posted] = api.callsTo('POST', '/api/offers/test');
    expect(posted?.headers.get('X-CSRF-Token')).toBe('csrf-bia');
    expect(posted?.body).toEqual({
      offer: {
        productName: 'Curso de Confeitaria',
        paymentLink: 'https://pay.hotmart.com/curso-bolo',
        discountLink: 'https://pay.hotmart.com/curso-bolo?off=10',
        discountPercent: 10,
        faq: [
          { question: 'Tem garantia?', answer: 'Sim, 7 dias de garantia.' },
          { question: 'Parcela?', answer: 'Em até 12x.' },
        ],
      },
      question: 'dá pra parcelar?',
    });
    expect(api.callsTo('PUT', '/api/offers/curso-bolo')).toHaveLength(0);

    // An edit after the test: the answer shown is marked as out of date.
    expect(screen.queryByText(/mudou desde este teste/)).toBeNull();
    await user.type(screen.getByLabelText('Resposta 2'), ' Sem juros.');
    expect(screen.getByText('A oferta ou a pergunta mudou desde este teste: clique em Testar de novo.')).toBeTruthy();
  });

  test('"Testar" says when no entry answers, and asks for a question first', async () => {
    const api = serveOffers();
    api.on('POST', '/api/offers/test', { status: 200, body: { entry: null, reply: 'Vou confirmar com a equipe e já te respondo.', unanswered: true } });
    const user = userEvent.setup();
    renderApp('/ofertas');

    await user.click(await screen.findByRole('button', { name: 'Editar Curso de Confeitaria' }));
    await user.click(screen.getByRole('button', { name: 'Testar' }));
    expect(screen.getByText('Escreva a pergunta do comprador (até 1000 caracteres).')).toBeTruthy();
    expect(api.callsTo('POST', '/api/offers/test')).toHaveLength(0);

    await user.type(screen.getByLabelText('Pergunta do comprador'), 'vem com forma?');
    await user.click(screen.getByRole('button', { name: 'Testar' }));
    expect(await screen.findByText(/Nenhuma pergunta cadastrada responde a isso/)).toBeTruthy();
    expect(screen.getByText('Vou confirmar com a equipe e já te respondo.')).toBeTruthy();
  });

  test('"Desativar" deactivates the offer with the CSRF header and says what Sara does instead', async () => {
    const api = serveOffers();
    api.on('DELETE', '/api/offers/curso-bolo', { status: 200, body: offer({ active: false }) });
    const user = userEvent.setup();
    renderApp('/ofertas');

    await user.click(await screen.findByRole('button', { name: 'Desativar Curso de Confeitaria' }));
    expect(await screen.findByText(/Oferta de Curso de Confeitaria desativada/)).toBeTruthy();
    expect(api.callsTo('DELETE', '/api/offers/curso-bolo')[0]?.headers.get('X-CSRF-Token')).toBe('csrf-bia');
  });
});
