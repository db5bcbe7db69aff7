// @vitest-environment happy-dom
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, test } from 'vitest';
import { day, report, signInAsAdmin, text } from '../test-support/merchant-fixtures.js';
import { renderApp, setupAppHarness } from '../test-support/render-app.js';

const harness = setupAppHarness();

const days = [
  day('2026-12-03', { recoveredRevenue: 1234.56, recoveryRate: 0.125, recovered: 3, abandonments: 24 }),
  day('2026-12-04', { recoveredRevenue: 0, recoveryRate: 0, recovered: 0 }),
];

function serveReport(body = report()) {
  return harness.api().on('GET', '/api/report', { status: 200, body }).on('GET', '/api/report/daily', { status: 200, body: { days } });
}

describe('Painel', () => {
  test('an agent sees it too, with the lift in plain words: what would have sold anyway and what Sara added', async () => {
    const api = serveReport();
    renderApp('/painel');

    expect(await screen.findByRole('heading', { level: 1, name: 'Painel' })).toBeTruthy();
    expect(await screen.findByText('Sem as mensagens, 10% teriam comprado de qualquer forma; a Sara trouxe R$ 5.940,00 a mais.')).toBeTruthy();
    expect(screen.getByText(/Com 95% de confiança, as mensagens aumentam a recuperação entre 1,2 pontos percentuais e 22 pontos percentuais/)).toBeTruthy();
    expect(text(screen.getByText('Receita recuperada', { selector: 'dt' }).nextElementSibling)).toBe('R$ 11.880,00');

    // The last 30 shop days, sent with the shop's offset so the days are whole.
    const asked = api.callsTo('GET', '/api/report')[0]!.url.searchParams;
    expect(asked.get('from')).toMatch(/^\d{4}-\d{2}-\d{2}T00:00:00-03:00$/);
    expect(asked.get('to')).toMatch(/T00:00:00-03:00$/);
    expect(Date.parse(asked.get('to')!) - Date.parse(asked.get('from')!)).toBe(30 * 86_400_000);
    expect(api.callsTo('GET', '/api/report/daily')[0]!.url.searchParams.get('from')).toBe(asked.get('from'));
  });

  test('the chart has a name, and a table alternative with the same numbers', async () => {
    serveReport();
    const user = userEvent.setup();
    renderApp('/painel');

    const chart = await screen.findByRole('img', { name: /Receita recuperada e taxa de recuperação por dia, de 03\/12 a 04\/12: R\$\s1\.234,56 no total/ });
    expect(chart).toBeTruthy();
    await user.click(screen.getByText('Ver os números do gráfico em tabela'));
    const table = screen.getByRole('table', { name: /Receita recuperada e taxa de recuperação por dia/ });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((row) => within(row).getAllByRole('cell').map(text))).toEqual([
      ['24', '8', '3', '12,5%', 'R$ 1.234,56'],
      ['10', '8', '0', '0%', 'R$ 0,00'],
    ]);
    expect(within(rows[0]!).getByRole('rowheader').textContent).toBe('03/12');
  });

  test('the funnel from abandoned to recovered, split by kind, platform and step', async () => {
    serveReport();
    renderApp('/painel');

    const funnel = await screen.findByRole('region', { name: 'Do abandono à venda' });
    expect(
      within(funnel)
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual(['Carrinhos abandonados200', 'Contatados pela Sara150 · 75%', 'Responderam60 · 30%', 'Recuperadas40 · 20%']);
    const byKind = screen.getByRole('region', { name: 'Por tipo de abandono' });
    expect(
      within(byKind)
        .getAllByRole('rowheader')
        .map((cell) => cell.textContent),
    ).toEqual(['Carrinho', 'Pix expirado']);
    expect(within(screen.getByRole('region', { name: 'Por plataforma' })).getByRole('rowheader').textContent).toBe('Hotmart');
    const bySteps = within(screen.getByRole('region', { name: 'Por etapa da sequência' })).getAllByRole('row');
    expect(
      within(bySteps[1]!)
        .getAllByRole('cell')
        .map((cell) => cell.textContent),
    ).toEqual(['150', '25', '16,7%']);
  });

  test('without a control group it says so instead of a figure, and points the admin to the setting', async () => {
    const api = signInAsAdmin(harness.api());
    serveReport(
      report({
        holdout: {
          control: { abandonments: 0, recovered: 0, rate: 0 },
          treatment: { abandonments: 200, recovered: 40, rate: 0.2 },
          lift: 0,
          liftCi95: [-1, 1],
          incrementalRevenue: 0,
        },
      }),
    );
    renderApp('/painel');

    const lift = await screen.findByRole('region', { name: 'O que a Sara trouxe a mais' });
    expect(within(lift).getByText(/Sem grupo de controle neste período/)).toBeTruthy();
    expect(within(lift).getByRole('link', { name: 'Sequências e horários' }).getAttribute('href')).toBe('/sequencias');
    expect(api.calls.length).toBeGreaterThan(0);
  });

  test('an interval that includes zero is said to be not yet certain', async () => {
    serveReport(report({ holdout: { ...report().holdout, lift: 0.03, liftCi95: [-0.02, 0.08] } }));
    renderApp('/painel');
    expect(await screen.findByText(/Ainda não dá para ter certeza do efeito: .* entre −2 pontos percentuais e \+8 pontos percentuais/)).toBeTruthy();
  });

  test('choosing the last 7 days asks for that period', async () => {
    const api = serveReport();
    const user = userEvent.setup();
    renderApp('/painel');
    await screen.findByText(/teriam comprado de qualquer forma/);

    await user.click(screen.getByRole('button', { name: 'Últimos 7 dias' }));
    await waitFor(() => {
      const last = api.callsTo('GET', '/api/report').at(-1)!.url.searchParams;
      expect(Date.parse(last.get('to')!) - Date.parse(last.get('from')!)).toBe(7 * 86_400_000);
    });
    expect(screen.getByRole('button', { name: 'Últimos 7 dias' }).getAttribute('aria-pressed')).toBe('true');
  });
});
