// @vitest-environment happy-dom
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, test } from 'vitest';
import type { ConversationDetail } from '../../../src/contract.js';
import { apiError, FakeEventSource, type FakeApi } from '../test-support/fake-api.js';
import { detail, entry, handledByAna, minutesFromNow, summary } from '../test-support/fixtures.js';
import { renderApp, setupAppHarness } from '../test-support/render-app.js';

const harness = setupAppHarness();

function serve(api: FakeApi, conversation: ConversationDetail) {
  api.on('GET', '/api/conversations/c-1', { status: 200, body: { conversation } });
}

describe('conversation', () => {
  test('shows the timeline with authors, templates and delivery statuses in Portuguese, and the sale', async () => {
    serve(
      harness.api(),
      detail({
        messages: [
          entry(),
          entry({ id: 'm-2', from: 'sara', text: 'Dá sim!', status: 'read' }),
          entry({ id: 'm-3', from: 'operator', operator: { id: 'op-bia', name: 'Bia Lima' }, text: 'Posso ajudar?', status: 'failed', errorCode: 131047 }),
          entry({
            id: 'm-4',
            from: 'sara',
            type: 'template',
            text: '',
            template: { name: 'lembrete_pix', parameters: ['Maria', 'R$ 10'] },
            status: 'delivered',
          }),
          entry({ id: 'm-5', from: 'sara', text: 'Último aviso', status: 'blocked', blockedReason: 'outside_24h_window' }),
        ],
        payments: [{ id: 'pay-1', source: 'hotmart', amount: 99.9, currency: 'BRL', paidAt: new Date().toISOString(), matchStatus: 'matched' }],
      }),
    );
    renderApp('/conversas/c-1');

    const log = await screen.findByRole('log', { name: 'Mensagens' });
    const messages = within(log)
      .getAllByRole('listitem')
      .filter((li) => li.classList.contains('message'));
    expect(messages).toHaveLength(5);
    expect(within(messages[0]!).getByText('Maria Silva')).toBeTruthy();
    expect(within(messages[1]!).getByText(/lida/)).toBeTruthy();
    expect(within(messages[2]!).getByText('Bia Lima')).toBeTruthy();
    expect(within(messages[2]!).getByText(/falhou \(erro 131047\)/)).toBeTruthy();
    expect(within(messages[3]!).getByText('Modelo lembrete_pix')).toBeTruthy();
    expect(within(messages[3]!).getByText('R$ 10')).toBeTruthy();
    expect(within(messages[3]!).getByText(/entregue/)).toBeTruthy();
    expect(within(messages[4]!).getByText(/bloqueada: fora da janela de 24 h/)).toBeTruthy();

    const sale = screen.getByRole('complementary', { name: 'Venda abandonada' });
    expect(within(sale).getByText('R$ 1.234,56')).toBeTruthy();
    expect(within(sale).getByText('Pix expirado')).toBeTruthy();
    expect(within(sale).getByRole('link', { name: 'https://pay.loja.com.br/p-1' })).toBeTruthy();
    expect(within(sale).getByText('R$ 99,90')).toBeTruthy();
  });

  test('taking over posts with the CSRF header and shows the composer', async () => {
    const api = harness.api();
    serve(api, detail());
    api.on('POST', '/api/conversations/c-1/takeover', { status: 200, body: { conversation: detail(handledByAna) } });
    const user = userEvent.setup();
    renderApp('/conversas/c-1');

    expect(screen.queryByLabelText('Mensagem')).toBeNull();
    await user.click(await screen.findByRole('button', { name: 'Assumir conversa' }));

    const textarea = await screen.findByLabelText('Mensagem');
    expect(document.activeElement).toBe(textarea);
    expect(screen.getByText('Você assumiu esta conversa — a Sara está pausada.')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Devolver para a Sara' })).toBeTruthy();
    expect(api.callsTo('POST', '/api/conversations/c-1/takeover')[0]?.headers.get('X-CSRF-Token')).toBe('csrf-ana');
  });

  test('the composer sends {text} with the CSRF header and an idempotency key, then clears', async () => {
    const api = harness.api();
    const conversation = detail({ ...handledByAna, serviceWindow: { open: true, endsAt: minutesFromNow(3 * 60 + 12.5) } });
    serve(api, conversation);
    api.on('POST', '/api/conversations/c-1/messages', ({ body }) => {
      const message = entry({ id: 'm-new', from: 'operator', operator: handledByAna.handledBy, text: (body as { text: string }).text, status: 'queued' });
      conversation.messages = [...conversation.messages, message];
      return { status: 202, body: { message } };
    });
    const user = userEvent.setup();
    renderApp('/conversas/c-1');

    expect(await screen.findByText('Janela de 24 h: faltam 3 h 12 min')).toBeTruthy();
    const textarea = screen.getByLabelText('Mensagem');
    await user.type(textarea, 'Oi Maria, posso ajudar com o Pix?');
    await user.click(screen.getByRole('button', { name: 'Enviar' }));

    await waitFor(() => expect((textarea as HTMLTextAreaElement).value).toBe(''));
    const [post] = api.callsTo('POST', '/api/conversations/c-1/messages');
    expect(post?.body).toEqual({ text: 'Oi Maria, posso ajudar com o Pix?' });
    expect(post?.headers.get('X-CSRF-Token')).toBe('csrf-ana');
    expect(post?.headers.get('Idempotency-Key')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const sent = await within(screen.getByRole('log', { name: 'Mensagens' })).findByText('Oi Maria, posso ajudar com o Pix?');
    expect(within(sent.closest('li')!).getByText('Ana Souza')).toBeTruthy();
    expect(within(sent.closest('li')!).getByText(/na fila/)).toBeTruthy();
  });

  test('with the window closed there is no free text: a template is chosen, edited and sent as {template, parameters}', async () => {
    const api = harness.api();
    serve(api, detail({ ...handledByAna, serviceWindow: { open: false, endsAt: null } }));
    api.on('POST', '/api/conversations/c-1/messages', { status: 202, body: { message: entry({ id: 'm-new', from: 'operator', status: 'queued' }) } });
    const user = userEvent.setup();
    renderApp('/conversas/c-1');

    expect(await screen.findByText('A janela de 24 h fechou: só é possível enviar um modelo aprovado.')).toBeTruthy();
    expect(screen.queryByLabelText('Mensagem')).toBeNull();

    await user.selectOptions(screen.getByLabelText('Modelo'), 'oferta_desconto');
    const discount = screen.getByLabelText('Parâmetro 2');
    expect((discount as HTMLInputElement).value).toBe('10%');
    await user.clear(discount);
    await user.type(discount, '15%');
    await user.click(screen.getByRole('button', { name: 'Enviar' }));

    await waitFor(() => expect(api.callsTo('POST', '/api/conversations/c-1/messages')).toHaveLength(1));
    const [post] = api.callsTo('POST', '/api/conversations/c-1/messages');
    expect(post?.body).toEqual({ template: 'oferta_desconto', parameters: ['Maria', '15%'] });
    expect(post?.headers.get('X-CSRF-Token')).toBe('csrf-ana');
  });

  test('a 409 SERVICE_WINDOW_CLOSED is explained in an alert', async () => {
    const api = harness.api();
    serve(api, detail(handledByAna));
    api.on('POST', '/api/conversations/c-1/messages', { status: 409, body: apiError('SERVICE_WINDOW_CLOSED') });
    const user = userEvent.setup();
    renderApp('/conversas/c-1');

    await user.type(await screen.findByLabelText('Mensagem'), 'Oi');
    await user.click(screen.getByRole('button', { name: 'Enviar' }));

    expect((await screen.findByRole('alert')).textContent).toMatch(/janela de 24 h fechou/i);
    expect(screen.getByRole('button', { name: 'Enviar' })).toHaveProperty('disabled', false);
  });

  test('a retry of the same message reuses its idempotency key', async () => {
    const api = harness.api();
    serve(api, detail(handledByAna));
    api.on('POST', '/api/conversations/c-1/messages', { status: 503, body: apiError('UNAVAILABLE') });
    const user = userEvent.setup();
    renderApp('/conversas/c-1');

    await user.type(await screen.findByLabelText('Mensagem'), 'Oi');
    await user.click(screen.getByRole('button', { name: 'Enviar' }));
    await screen.findByRole('alert');
    await user.click(screen.getByRole('button', { name: 'Enviar' }));
    await waitFor(() => expect(api.callsTo('POST', '/api/conversations/c-1/messages')).toHaveLength(2));

    const [first, second] = api.callsTo('POST', '/api/conversations/c-1/messages');
    expect(second?.headers.get('Idempotency-Key')).toBe(first?.headers.get('Idempotency-Key'));
  });

  test('closing asks for a reason and posts it', async () => {
    const api = harness.api();
    serve(api, detail(handledByAna));
    api.on('POST', '/api/conversations/c-1/close', {
      status: 200,
      body: { conversation: detail({ ...handledByAna, status: 'closed', closedReason: 'Cliente comprou pela loja física' }) },
    });
    const user = userEvent.setup();
    renderApp('/conversas/c-1');

    await user.click(await screen.findByRole('button', { name: 'Encerrar conversa' }));
    await user.type(screen.getByLabelText('Motivo'), 'Cliente comprou pela loja física');
    await user.click(screen.getByRole('button', { name: 'Encerrar' }));

    expect(await screen.findByText('Conversa encerrada: Cliente comprou pela loja física.')).toBeTruthy();
    expect(api.callsTo('POST', '/api/conversations/c-1/close')[0]?.body).toEqual({ reason: 'Cliente comprou pela loja física' });
    expect(screen.queryByLabelText('Mensagem')).toBeNull();
  });

  test('an opted-out buyer gets no composer', async () => {
    serve(harness.api(), detail({ ...handledByAna, optedOut: true }));
    renderApp('/conversas/c-1');

    expect(await screen.findByText(/pediu para não receber mais mensagens/)).toBeTruthy();
    expect(screen.queryByLabelText('Mensagem')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Enviar' })).toBeNull();
  });

  test('opens from the inbox, and a live event updates a delivery status without a reload', async () => {
    const api = harness.api();
    const conversation = detail();
    serve(api, conversation);
    api.on('GET', '/api/conversations', { status: 200, body: { conversations: [summary()] } });
    const user = userEvent.setup();
    renderApp('/');

    await user.click(await screen.findByRole('link', { name: 'Maria Silva' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Maria Silva' })).toBeTruthy();
    expect(screen.getByText(/lida/)).toBeTruthy();

    conversation.messages = conversation.messages.map((m) => (m.id === 'm-2' ? { ...m, status: 'failed', errorCode: 131026 } : m));
    act(() => FakeEventSource.instances[0]?.emit('conversation', { conversationId: 'c-1' }));
    expect(await screen.findByText(/falhou \(erro 131026\)/)).toBeTruthy();
  });
});
