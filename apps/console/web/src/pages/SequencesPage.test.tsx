// @vitest-environment happy-dom
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, test } from 'vitest';
import { apiError } from '../test-support/fake-api.js';
import { sequence, settings, signInAsAdmin } from '../test-support/merchant-fixtures.js';
import { renderApp, setupAppHarness } from '../test-support/render-app.js';

const harness = setupAppHarness();

function serve() {
  return signInAsAdmin(harness.api())
    .on('GET', '/api/sequences', {
      status: 200,
      body: { sequences: [sequence(), sequence({ kind: 'pix_expired', steps: [{ delaySeconds: 0, template: 'pix_novo' }], custom: true })] },
    })
    .on('GET', '/api/settings', { status: 200, body: settings })
    .on('PUT', '/api/sequences/cart', ({ body }) => ({ status: 200, body: { kind: 'cart', steps: (body as { steps: unknown }).steps, custom: true } }))
    .on('PUT', '/api/settings', ({ body }) => ({ status: 200, body: { ...settings, ...(body as object) } }));
}

describe('Sequências e horários', () => {
  test("shows each kind's steps in minutes, hours or days", async () => {
    serve();
    renderApp('/sequencias');
    const cart = await screen.findByRole('form', { name: 'Carrinho' });
    expect((within(cart).getByLabelText('Enviar a mensagem 1 depois de') as HTMLInputElement).value).toBe('15');
    expect((within(cart).getByLabelText('Modelo da mensagem 2') as HTMLInputElement).value).toBe('oferta_desconto');
    expect(within(cart).getByText('Sai 1 dia após o abandono.')).toBeTruthy();
    expect(within(cart).getByText('Padrão da Sara')).toBeTruthy();
    expect(within(screen.getByRole('form', { name: 'Pix expirado' })).getByText('Personalizada')).toBeTruthy();
  });

  test('a sequence is validated in Portuguese, then saved in seconds', async () => {
    const api = serve();
    const user = userEvent.setup();
    renderApp('/sequencias');
    const cart = await screen.findByRole('form', { name: 'Carrinho' });

    // The second message before the first, and a template name Meta would refuse.
    const second = within(cart).getByLabelText('Enviar a mensagem 2 depois de');
    await user.clear(second);
    await user.type(second, '10');
    await user.selectOptions(within(cart).getByLabelText('Unidade da mensagem 2'), 'minutes');
    await user.clear(within(cart).getByLabelText('Modelo da mensagem 2'));
    await user.type(within(cart).getByLabelText('Modelo da mensagem 2'), 'Oferta Desconto');
    await user.click(within(cart).getByRole('button', { name: 'Salvar sequência de Carrinho' }));

    expect(within(cart).getByText('Etapa 2: precisa sair depois da etapa 1.')).toBeTruthy();
    expect(within(cart).getByText('Etapa 2: use o nome exato de um modelo aprovado (letras minúsculas, números e _).')).toBeTruthy();
    expect(second.getAttribute('aria-invalid')).toBe('true');
    expect(api.callsTo('PUT', '/api/sequences/cart')).toHaveLength(0);

    await user.clear(second);
    await user.type(second, '2');
    await user.selectOptions(within(cart).getByLabelText('Unidade da mensagem 2'), 'hours');
    await user.clear(within(cart).getByLabelText('Modelo da mensagem 2'));
    await user.type(within(cart).getByLabelText('Modelo da mensagem 2'), 'oferta_desconto');
    await user.click(within(cart).getByRole('button', { name: 'Adicionar mensagem' }));
    await user.type(within(cart).getByLabelText('Modelo da mensagem 3'), 'ultimo_aviso');
    await user.click(within(cart).getByRole('button', { name: 'Salvar sequência de Carrinho' }));

    expect(await within(cart).findByText(/Sequência de Carrinho salva/)).toBeTruthy();
    const [put] = api.callsTo('PUT', '/api/sequences/cart');
    expect(put?.headers.get('X-CSRF-Token')).toBe('csrf-bia');
    expect(put?.body).toEqual({
      steps: [
        { delaySeconds: 900, template: 'lembrete_carrinho' },
        { delaySeconds: 7200, template: 'oferta_desconto' },
        { delaySeconds: 7200 + 86_400, template: 'ultimo_aviso' },
      ],
    });
  });

  test('a step the server refuses is named next to its field', async () => {
    const api = serve();
    api.on('PUT', '/api/sequences/cart', {
      status: 400,
      body: { error: { ...apiError('VALIDATION_ERROR').error, details: { field: 'steps[0].template', reason: 'must be an approved template name' } } },
    });
    const user = userEvent.setup();
    renderApp('/sequencias');
    const cart = await screen.findByRole('form', { name: 'Carrinho' });
    await user.click(within(cart).getByRole('button', { name: 'Salvar sequência de Carrinho' }));

    await waitFor(() => expect(within(cart).getByLabelText('Modelo da mensagem 1').getAttribute('aria-invalid')).toBe('true'));
    expect(within(cart).getByText('Etapa 1: use o nome exato de um modelo aprovado (letras minúsculas, números e _).')).toBeTruthy();
  });

  test('"Voltar ao padrão" restores the default steps', async () => {
    const api = serve();
    api.on('DELETE', '/api/sequences/pix_expired', {
      status: 200,
      body: sequence({ kind: 'pix_expired', steps: [{ delaySeconds: 3600, template: 'pix_lembrete' }] }),
    });
    const user = userEvent.setup();
    renderApp('/sequencias');
    const pix = await screen.findByRole('form', { name: 'Pix expirado' });
    await user.click(within(pix).getByRole('button', { name: 'Voltar ao padrão' }));

    expect(await within(pix).findByText('Sequência de Pix expirado voltou ao padrão da Sara.')).toBeTruthy();
    expect((within(pix).getByLabelText('Modelo da mensagem 1') as HTMLInputElement).value).toBe('pix_lembrete');
    expect(api.callsTo('DELETE', '/api/sequences/pix_expired')[0]?.headers.get('X-CSRF-Token')).toBe('csrf-bia');
  });

  test('quiet hours, the cap and the holdout are validated in Portuguese and only what changed is sent', async () => {
    const api = serve();
    const user = userEvent.setup();
    renderApp('/sequencias');
    const form = await screen.findByRole('form', { name: 'Horários e limites' });

    const holdout = within(form).getByLabelText('Grupo de controle (%)');
    const cap = within(form).getByLabelText('Mensagens automáticas por comprador a cada 24 h');
    await user.clear(holdout);
    await user.type(holdout, '60');
    await user.clear(cap);
    await user.type(cap, '0');
    await user.clear(within(form).getByLabelText('Até'));
    await user.type(within(form).getByLabelText('Até'), '21:00');
    await user.click(within(form).getByRole('button', { name: 'Salvar horários e limites' }));

    expect(within(form).getByText('O grupo de controle vai de 0% a 50% (número inteiro).')).toBeTruthy();
    expect(within(form).getByText('O limite vai de 1 a 10 mensagens por comprador a cada 24 h (número inteiro).')).toBeTruthy();
    expect(within(form).getByText(/Informe o início e o fim do horário de silêncio/)).toBeTruthy();
    expect(api.callsTo('PUT', '/api/settings')).toHaveLength(0);

    await user.clear(holdout);
    await user.type(holdout, '20');
    await user.clear(cap);
    await user.type(cap, '3');
    await user.clear(within(form).getByLabelText('Até'));
    await user.type(within(form).getByLabelText('Até'), '07:30');
    await user.click(within(form).getByRole('button', { name: 'Salvar horários e limites' }));

    expect(await within(form).findByText('Horários e limites salvos.')).toBeTruthy();
    const [put] = api.callsTo('PUT', '/api/settings');
    expect(put?.headers.get('X-CSRF-Token')).toBe('csrf-bia');
    expect(put?.body).toEqual({ quietHours: { start: '21:00', end: '07:30' }, holdoutPercent: 20 });
  });

  test('turning quiet hours off sends null', async () => {
    const api = serve();
    const user = userEvent.setup();
    renderApp('/sequencias');
    const form = await screen.findByRole('form', { name: 'Horários e limites' });
    await user.click(within(form).getByLabelText('Não enviar mensagens automáticas neste horário'));
    expect((within(form).getByLabelText('Das') as HTMLInputElement).disabled).toBe(true);
    await user.click(within(form).getByRole('button', { name: 'Salvar horários e limites' }));
    await waitFor(() => expect(api.callsTo('PUT', '/api/settings')[0]?.body).toEqual({ quietHours: null }));
  });
});
