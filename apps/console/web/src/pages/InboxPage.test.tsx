// @vitest-environment happy-dom
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, test } from 'vitest';
import { apiError, FakeEventSource } from '../test-support/fake-api.js';
import { summary } from '../test-support/fixtures.js';
import { renderApp, setupAppHarness } from '../test-support/render-app.js';

const harness = setupAppHarness();

const conversations = [
  summary({ id: 'c-1', buyerName: 'Maria Silva', needsHuman: { reason: 'unknown_question', since: new Date(Date.now() - 10 * 60_000).toISOString() } }),
  summary({ id: 'c-2', buyerName: 'João Pereira', phone: '•••• •••• 9876', handledBy: { id: 'op-bia', name: 'Bia Lima' }, productName: 'Kit Bolo' }),
  summary({ id: 'c-3', buyerName: 'Carla Dias', status: 'closed', lastMessage: null }),
];

describe('inbox', () => {
  test('lists every conversation with its name, why it needs a person, who has it, the product and the phone', async () => {
    harness.api().on('GET', '/api/conversations', { status: 200, body: { conversations } });
    renderApp('/');

    const list = await screen.findByRole('list', { name: 'Conversas' });
    const items = within(list).getAllByRole('listitem');
    expect(items).toHaveLength(3);
    expect(items.map((item) => within(item).getByRole('heading').textContent)).toEqual(['Maria Silva', 'João Pereira', 'Carla Dias']);

    const [maria, joao, carla] = items as [HTMLElement, HTMLElement, HTMLElement];
    expect(within(maria).getByText(/Precisa de atendimento: pergunta sem resposta/)).toBeTruthy();
    expect(within(maria).getByText('Ainda dá tempo de pagar?')).toBeTruthy();
    expect(within(maria).getByRole('link', { name: 'Maria Silva' }).getAttribute('href')).toBe('/conversas/c-1');
    expect(within(joao).getByText('Com Bia Lima')).toBeTruthy();
    expect(within(joao).getByText('•••• •••• 9876')).toBeTruthy();
    expect(within(joao).getByText('Kit Bolo')).toBeTruthy();
    expect(within(carla).getByText('Encerrada')).toBeTruthy();
  });

  test('a filter asks the server for that status, and the search for a name or the last digits', async () => {
    const api = harness.api();
    api.on('GET', '/api/conversations', ({ url }) => ({
      status: 200,
      body: { conversations: url.searchParams.get('status') === 'needs_human' ? [conversations[0]] : conversations },
    }));
    const user = userEvent.setup();
    renderApp('/');
    await screen.findByRole('list', { name: 'Conversas' });

    await user.click(screen.getByRole('button', { name: 'Aguardando atendimento humano' }));
    await waitFor(() => expect(screen.getAllByRole('listitem')).toHaveLength(1));
    expect(screen.getByRole('button', { name: 'Aguardando atendimento humano' }).getAttribute('aria-pressed')).toBe('true');

    await user.type(screen.getByLabelText('Buscar'), '3463');
    await waitFor(() => expect(api.calls.some((c) => c.url.searchParams.get('q') === '3463')).toBe(true));
    const last = api.callsTo('GET', '/api/conversations').at(-1);
    expect(last?.url.searchParams.get('status')).toBe('needs_human');

    await user.click(screen.getByRole('button', { name: 'Todas' }));
    await waitFor(() => expect(screen.getAllByRole('listitem')).toHaveLength(3));
    expect(api.callsTo('GET', '/api/conversations').at(-1)?.url.searchParams.has('status')).toBe(false);
  });

  test('a live event refetches the list without a reload', async () => {
    const api = harness.api();
    let current = [conversations[1]];
    api.on('GET', '/api/conversations', () => ({ status: 200, body: { conversations: current } }));
    renderApp('/');
    await screen.findByText('João Pereira');

    current = conversations;
    const source = FakeEventSource.instances[0];
    expect(source?.url).toBe('/api/events');
    act(() => source?.emit('conversation', { conversationId: 'c-1' }));

    expect(await screen.findByText('Maria Silva')).toBeTruthy();
  });

  test('an expired session on any call goes back to the login page', async () => {
    const api = harness.api();
    api.on('GET', '/api/conversations', () => {
      api.on('GET', '/api/session', { status: 401, body: apiError('UNAUTHORIZED') });
      return { status: 401, body: apiError('UNAUTHORIZED') };
    });
    renderApp('/');
    expect(await screen.findByRole('button', { name: 'Entrar' })).toBeTruthy();
  });

  test('Sair ends the session with the CSRF header', async () => {
    const api = harness.api();
    api.on('GET', '/api/conversations', { status: 200, body: { conversations } });
    api.on('DELETE', '/api/session', { status: 204 });
    const user = userEvent.setup();
    renderApp('/');
    await screen.findByRole('list', { name: 'Conversas' });

    await user.click(screen.getByRole('button', { name: 'Sair' }));
    expect(await screen.findByRole('button', { name: 'Entrar' })).toBeTruthy();
    expect(api.callsTo('DELETE', '/api/session')[0]?.headers.get('X-CSRF-Token')).toBe('csrf-ana');
  });
});
