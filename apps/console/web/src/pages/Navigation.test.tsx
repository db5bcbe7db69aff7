// @vitest-environment happy-dom
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, test } from 'vitest';
import { report, signInAsAdmin } from '../test-support/merchant-fixtures.js';
import { renderApp, setupAppHarness } from '../test-support/render-app.js';

const harness = setupAppHarness();

const ADMIN_LINKS = ['Conversas', 'Painel', 'Ofertas', 'Sequências e horários', 'Pagamentos para revisar', 'Compradores', 'Auditoria'];

describe('navigation', () => {
  test('an admin reaches every page, the inbox included', async () => {
    signInAsAdmin(harness.api()).on('GET', '/api/conversations', { status: 200, body: { conversations: [] } });
    renderApp('/');

    const nav = await screen.findByRole('navigation');
    const links = within(nav).getAllByRole('link');
    expect(links.map((link) => link.textContent)).toEqual(ADMIN_LINKS);
    expect(links.map((link) => link.getAttribute('href'))).toEqual(['/', '/painel', '/ofertas', '/sequencias', '/pagamentos', '/compradores', '/auditoria']);
    expect(within(nav).getByRole('link', { name: 'Conversas' }).getAttribute('aria-current')).toBe('page');
  });

  test('an agent sees only the inbox and the dashboard, and an admin page tells them it is not theirs', async () => {
    harness
      .api()
      .on('GET', '/api/conversations', { status: 200, body: { conversations: [] } })
      .on('GET', '/api/report', { status: 200, body: report() })
      .on('GET', '/api/report/daily', { status: 200, body: { days: [] } });
    const user = userEvent.setup();
    renderApp('/');

    const nav = await screen.findByRole('navigation');
    expect(
      within(nav)
        .getAllByRole('link')
        .map((link) => link.textContent),
    ).toEqual(['Conversas', 'Painel']);
    await user.click(within(nav).getByRole('link', { name: 'Painel' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Painel' })).toBeTruthy();
    expect(within(nav).getByRole('link', { name: 'Painel' }).getAttribute('aria-current')).toBe('page');
    expect(document.title).toBe('Painel — Sara');
  });

  test('an agent who opens an admin address is told the page is for admins, and nothing is asked of the server', async () => {
    const api = harness.api();
    renderApp('/ofertas');
    expect(await screen.findByRole('heading', { name: 'Página da administração' })).toBeTruthy();
    expect(api.calls.filter((call) => call.path.startsWith('/api/offers'))).toHaveLength(0);
  });
});
