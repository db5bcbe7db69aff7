// @vitest-environment happy-dom
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, test, vi } from 'vitest';
import type { BuyerExport } from '../../../src/merchant-contract.js';
import { buyer, signInAsAdmin, text } from '../test-support/merchant-fixtures.js';
import { renderApp, setupAppHarness } from '../test-support/render-app.js';

const harness = setupAppHarness();

const maria = buyer();
const carla = buyer({
  phone: '+5521998761234',
  name: 'Carla Dias',
  email: null,
  optedOut: true,
  optedOutAt: '2026-11-20T13:00:00.000Z',
  optedOutReason: 'keyword:sair',
});
const copy: BuyerExport = {
  phone: maria.phone,
  exportedAt: '2026-12-04T12:00:00.000Z',
  user: { name: 'Maria Silva' },
  optOut: { optedOut: false, optedOutAt: null, reason: null, history: [] },
  abandonments: [],
  conversations: [],
  payments: [],
};

function serve() {
  return signInAsAdmin(harness.api())
    .on('GET', '/api/buyers', ({ url }) => ({ status: 200, body: { buyers: url.searchParams.get('q') === 'Dias' ? [carla] : [maria, carla] } }))
    .on('GET', /^\/api\/buyers\/[^/]+$/, { status: 200, body: copy });
}

describe('Compradores', () => {
  test('searches by phone, name or e-mail and shows whether the buyer still gets messages', async () => {
    const api = serve();
    const user = userEvent.setup();
    renderApp('/compradores');

    await user.type(await screen.findByLabelText('Buscar comprador'), '(11) 98765');
    expect(await screen.findByText('2 compradores encontrados')).toBeTruthy();
    expect(api.callsTo('GET', '/api/buyers').at(-1)?.url.searchParams.get('q')).toBe('(11) 98765');

    const card = screen.getByRole('region', { name: 'Maria Silva' });
    expect(within(card).getByText('+55 (11) 98765-4321')).toBeTruthy();
    expect(within(card).getByText('Recebe mensagens da Sara')).toBeTruthy();

    await user.click(screen.getByRole('button', { name: /Carla Dias/ }));
    const carlaCard = screen.getByRole('region', { name: 'Carla Dias' });
    expect(text(within(carlaCard).getByText(/Pediu para sair em/))).toBe('Pediu para sair em 20/11 10:00: escreveu "sair". A Sara não escreve mais.');
  });

  test('"Exportar dados" downloads the buyer\'s copy as a JSON file', async () => {
    const api = serve();
    const created: Blob[] = [];
    vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
      created.push(blob as Blob);
      return 'blob:sara-test';
    });
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => {});
    const clicked: HTMLAnchorElement[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push(this);
    });
    const user = userEvent.setup();
    renderApp('/compradores');

    await user.type(await screen.findByLabelText('Buscar comprador'), 'Maria');
    await user.click(await screen.findByRole('button', { name: 'Exportar dados' }));

    expect(await screen.findByText(/Arquivo com os dados do comprador baixado/)).toBeTruthy();
    const [exported] = api.callsTo('GET', `/api/buyers/${encodeURIComponent(maria.phone)}`);
    expect(exported?.url.searchParams.get('download')).toBe('1');
    expect(clicked[0]?.download).toBe('sara-comprador-4321.json');
    expect(clicked[0]?.href).toBe('blob:sara-test');
    expect(JSON.parse(await created[0]!.text())).toEqual(copy);
  });

  test('"Apagar dados" asks for confirmation before the DELETE', async () => {
    const api = serve();
    api.on('DELETE', `/api/buyers/${encodeURIComponent(maria.phone)}`, {
      status: 200,
      body: {
        status: 'erased',
        erased: { users: 1, abandonments: 2, conversations: 1, messages: 7, payments: 1, webhooksLog: 3, recoverySteps: 2, jobs: 0, sandboxMessages: 0 },
        tombstone: false,
      },
    });
    const user = userEvent.setup();
    renderApp('/compradores');
    await user.type(await screen.findByLabelText('Buscar comprador'), 'Maria');

    await user.click(await screen.findByRole('button', { name: 'Apagar dados' }));
    const confirm = screen.getByRole('group', { name: 'Apagar os dados de Maria Silva?' });
    expect(document.activeElement).toBe(within(confirm).getByRole('heading'));
    expect(within(confirm).getByText(/Isso não pode ser desfeito/)).toBeTruthy();
    expect(api.callsTo('DELETE', `/api/buyers/${encodeURIComponent(maria.phone)}`)).toHaveLength(0);

    await user.click(within(confirm).getByRole('button', { name: 'Cancelar' }));
    expect(screen.queryByRole('group', { name: /Apagar os dados/ })).toBeNull();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Apagar dados' }));
    expect(api.callsTo('DELETE', `/api/buyers/${encodeURIComponent(maria.phone)}`)).toHaveLength(0);

    await user.click(screen.getByRole('button', { name: 'Apagar dados' }));
    await user.click(screen.getByRole('button', { name: 'Confirmar exclusão' }));
    expect(await screen.findByText('Dados de Maria Silva apagados: 2 carrinhos, 1 conversa e 7 mensagens.')).toBeTruthy();
    const [erased] = api.callsTo('DELETE', `/api/buyers/${encodeURIComponent(maria.phone)}`);
    expect(erased?.headers.get('X-CSRF-Token')).toBe('csrf-bia');
  });

  test('the opt-out history is read only when asked for, since reading it is audited as an export', async () => {
    const api = serve();
    api.on('GET', /^\/api\/buyers\/[^/]+$/, {
      status: 200,
      body: {
        ...copy,
        phone: carla.phone,
        optOut: {
          optedOut: true,
          optedOutAt: carla.optedOutAt,
          reason: 'keyword:sair',
          history: [
            {
              conversationId: 'c-9',
              closedAt: '2026-11-20T13:00:00.000Z',
              farewell: { messageId: 'm-1', text: 'Tudo bem, não envio mais.', status: 'delivered', at: '2026-11-20T13:00:05.000Z' },
            },
          ],
        },
      },
    });
    const user = userEvent.setup();
    renderApp('/compradores');
    await user.type(await screen.findByLabelText('Buscar comprador'), 'Dias');
    await screen.findByRole('region', { name: 'Carla Dias' });
    expect(api.calls.filter((call) => call.path.startsWith('/api/buyers/'))).toHaveLength(0);

    await user.click(screen.getByRole('button', { name: 'Histórico de saída' }));
    expect(await screen.findByText('Tudo bem, não envio mais.')).toBeTruthy();
    await waitFor(() => expect(api.callsTo('GET', `/api/buyers/${encodeURIComponent(carla.phone)}`)).toHaveLength(1));
  });
});
