// @vitest-environment happy-dom
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, test } from 'vitest';
import { auditEvent, signInAsAdmin } from '../test-support/merchant-fixtures.js';
import { renderApp, setupAppHarness } from '../test-support/render-app.js';

const harness = setupAppHarness();

const events = [
  auditEvent(),
  auditEvent({
    id: 'ev-2',
    actor: 'operator:op-ana',
    actorName: 'Ana Souza',
    action: 'console.takeover',
    target: 'c-1',
    outcome: 409,
    createdAt: '2026-12-02T16:00:00.000Z',
  }),
  auditEvent({
    id: 'ev-3',
    actor: 'admin-api-key',
    actorName: null,
    action: 'buyers.erase',
    target: 'buyer',
    outcome: 200,
    createdAt: '2026-12-01T12:00:00.000Z',
  }),
];

const TEAM = {
  operators: [
    { id: 'op-ana', actor: 'operator:op-ana', name: 'Ana Souza', role: 'agent' },
    { id: 'op-caio', actor: 'operator:op-caio', name: 'Caio Nunes', role: 'agent' },
  ],
};

function serve() {
  return signInAsAdmin(harness.api())
    .on('GET', '/api/operators', { status: 200, body: TEAM })
    .on('GET', '/api/audit', ({ url }) => {
      const action = url.searchParams.get('action');
      const actor = url.searchParams.get('actor');
      const matched = events.filter(
        (e) => (!action || (action.endsWith('.') ? e.action.startsWith(action) : e.action === action)) && (!actor || e.actor === actor),
      );
      return { status: 200, body: { events: matched, total: matched.length, pagination: { limit: 50, offset: 0, total: matched.length } } };
    });
}

describe('Auditoria', () => {
  test('who did what, on what, when and how it ended, in words', async () => {
    serve();
    renderApp('/auditoria');
    const table = await screen.findByRole('table');
    const rows = within(table)
      .getAllByRole('row')
      .slice(1)
      .map((row) =>
        within(row)
          .getAllByRole('cell')
          .map((cell) => cell.textContent),
      );
    expect(rows).toEqual([
      ['02/12/2026 14:05', 'Bia Lima', 'Salvou uma oferta', 'Produto curso-bolo', 'Feito'],
      ['02/12/2026 13:00', 'Ana Souza', 'Assumiu uma conversa', 'Abrir conversa', 'Recusado (409)'],
      ['01/12/2026 09:00', 'Chave da API de administração', 'Apagou os dados de um comprador (pela API de administração)', 'um comprador', 'Feito'],
    ]);
    expect(within(table).getByRole('link', { name: 'Abrir conversa' }).getAttribute('href')).toBe('/conversas/c-1');
    expect(screen.getByText('3 registros')).toBeTruthy();
  });

  test('filters by action, by who and by days, and keeps the filters in the address', async () => {
    const api = serve();
    const user = userEvent.setup();
    renderApp('/auditoria');
    await screen.findByRole('table');

    await user.selectOptions(screen.getByLabelText('Ação'), 'Ofertas');
    await waitFor(() => expect(api.callsTo('GET', '/api/audit').at(-1)?.url.searchParams.get('action')).toBe('console.offers.'));
    expect(await screen.findByText('1 registro')).toBeTruthy();

    await user.selectOptions(screen.getByLabelText('Ação'), 'Todas as ações');
    await screen.findByText('3 registros');
    await user.selectOptions(screen.getByLabelText('Quem'), 'Ana Souza');
    await waitFor(() => expect(api.callsTo('GET', '/api/audit').at(-1)?.url.searchParams.get('actor')).toBe('operator:op-ana'));

    await user.type(screen.getByLabelText('De'), '2026-12-01');
    await user.type(screen.getByLabelText('Até'), '2026-12-02');
    await waitFor(() => {
      const asked = api.callsTo('GET', '/api/audit').at(-1)!.url.searchParams;
      expect(asked.get('from')).toBe('2026-12-01T00:00:00-03:00');
      expect(asked.get('to')).toBe('2026-12-03T00:00:00-03:00');
      expect(asked.get('actor')).toBe('operator:op-ana');
    });
  });

  test('offers every person of the team as "Quem", also one with no rows on screen', async () => {
    const api = serve();
    const user = userEvent.setup();
    renderApp('/auditoria');
    await screen.findByRole('table');
    await screen.findByRole('option', { name: 'Caio Nunes' });
    await user.selectOptions(screen.getByLabelText('Quem'), 'Caio Nunes');
    await waitFor(() => expect(api.callsTo('GET', '/api/audit').at(-1)?.url.searchParams.get('actor')).toBe('operator:op-caio'));
  });

  test('nothing found says so', async () => {
    signInAsAdmin(harness.api()).on('GET', '/api/audit', { status: 200, body: { events: [], total: 0, pagination: { limit: 50, offset: 0, total: 0 } } });
    renderApp('/auditoria?acao=console.buyers.');
    expect(await screen.findByText('Nada registrado com estes filtros')).toBeTruthy();
    expect((screen.getByLabelText('Ação') as HTMLSelectElement).value).toBe('console.buyers.');
  });
});
