import { QueryClientProvider } from '@tanstack/react-query';
import { cleanup, render } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { afterEach, beforeEach, expect, vi, type MockInstance } from 'vitest';
import { App } from '../App.js';
import { createQueryClient } from '../api/query-client.js';
import { FakeEventSource, installFakeApi, type FakeApi } from './fake-api.js';
import { ana } from './fixtures.js';

let consoleError: MockInstance;
let consoleWarn: MockInstance;

/**
 * Every test file gets a fresh fake API signed in as Ana, a fake EventSource, and a check that
 * nothing was written to the console: React warnings are failures here, as in the browser test.
 */
export function setupAppHarness(): { api: () => FakeApi } {
  let api: FakeApi;
  beforeEach(() => {
    FakeEventSource.instances = [];
    vi.stubGlobal('EventSource', FakeEventSource);
    api = installFakeApi();
    api.on('GET', '/api/session', { status: 200, body: ana });
    // As if Ana had signed in on this browser before: the page then asks the server for her session.
    localStorage.setItem('sara-console:signed-in', '1');
    consoleError = vi.spyOn(console, 'error');
    consoleWarn = vi.spyOn(console, 'warn');
  });
  afterEach(() => {
    cleanup();
    localStorage.clear();
    vi.unstubAllGlobals();
    expect(consoleError).not.toHaveBeenCalled();
    expect(consoleWarn).not.toHaveBeenCalled();
    vi.restoreAllMocks();
  });
  return { api: () => api };
}

export function renderApp(path = '/') {
  const queryClient = createQueryClient();
  const view = render(
    <QueryClientProvider client={queryClient}>
      <MemoryRouter initialEntries={[path]}>
        <App />
      </MemoryRouter>
    </QueryClientProvider>,
  );
  return { ...view, queryClient };
}
