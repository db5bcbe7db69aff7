// @vitest-environment happy-dom
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, test } from 'vitest';
import { apiError } from '../test-support/fake-api.js';
import { ana, summary } from '../test-support/fixtures.js';
import { renderApp, setupAppHarness } from '../test-support/render-app.js';

const harness = setupAppHarness();

describe('login', () => {
  test('without a session the inbox sends the person to the login page', async () => {
    harness.api().on('GET', '/api/session', { status: 401, body: apiError('UNAUTHORIZED') });
    renderApp('/');
    expect(await screen.findByRole('button', { name: 'Entrar' })).toBeTruthy();
    expect(screen.getByLabelText('E-mail')).toBeTruthy();
    expect(screen.getByLabelText('Senha')).toBeTruthy();
  });

  test('a browser that never signed in shows the form without asking the server', async () => {
    localStorage.clear();
    renderApp('/conversas/c-1');
    expect(await screen.findByRole('button', { name: 'Entrar' })).toBeTruthy();
    expect(harness.api().calls).toHaveLength(0);
  });

  test('posts the credentials, then opens the inbox', async () => {
    const api = harness.api();
    let signedIn = false;
    api.on('GET', '/api/session', () => (signedIn ? { status: 200, body: ana } : { status: 401, body: apiError('UNAUTHORIZED') }));
    api.on('POST', '/api/session', () => {
      signedIn = true;
      return { status: 200, body: ana };
    });
    api.on('GET', '/api/conversations', { status: 200, body: { conversations: [summary()] } });
    const user = userEvent.setup();
    renderApp('/');

    await user.type(await screen.findByLabelText('E-mail'), 'ana@loja.com.br');
    await user.type(screen.getByLabelText('Senha'), 'segredo-forte');
    await user.click(screen.getByRole('button', { name: 'Entrar' }));

    expect(await screen.findByRole('heading', { name: 'Conversas' })).toBeTruthy();
    const [post] = api.callsTo('POST', '/api/session');
    expect(post?.body).toEqual({ email: 'ana@loja.com.br', password: 'segredo-forte' });
    expect(post?.credentials).toBe('same-origin');
    expect(within(screen.getByRole('banner')).getByText(/Ana Souza/)).toBeTruthy();
    expect(localStorage.getItem('sara-console:signed-in')).toBe('1');
  });

  test('a wrong password shows an alert and stays on the login page', async () => {
    const api = harness.api();
    api.on('GET', '/api/session', { status: 401, body: apiError('UNAUTHORIZED') });
    api.on('POST', '/api/session', { status: 401, body: apiError('INVALID_CREDENTIALS') });
    const user = userEvent.setup();
    renderApp('/entrar');

    await user.type(await screen.findByLabelText('E-mail'), 'ana@loja.com.br');
    await user.type(screen.getByLabelText('Senha'), 'errada');
    await user.click(screen.getByRole('button', { name: 'Entrar' }));

    expect((await screen.findByRole('alert')).textContent).toBe('E-mail ou senha incorretos');
    expect(screen.getByRole('button', { name: 'Entrar' })).toBeTruthy();
  });

  test('too many attempts says to wait', async () => {
    const api = harness.api();
    api.on('GET', '/api/session', { status: 401, body: apiError('UNAUTHORIZED') });
    api.on('POST', '/api/session', { status: 429, body: apiError('RATE_LIMITED') });
    const user = userEvent.setup();
    renderApp('/entrar');

    await user.type(await screen.findByLabelText('E-mail'), 'ana@loja.com.br');
    await user.type(screen.getByLabelText('Senha'), 'errada');
    await user.click(screen.getByRole('button', { name: 'Entrar' }));

    expect((await screen.findByRole('alert')).textContent).toBe('Muitas tentativas; aguarde um minuto');
  });
});
