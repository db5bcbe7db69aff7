import { lazy, Suspense } from 'react';
import type { DailyPoint } from '../../../../src/merchant-contract.js';
import { formatCount, formatDay, formatMoney, formatPercent } from '../../format.js';

const DailyChart = lazy(() => import('./DailyChart.js'));

/**
 * The chart over time, named for screen readers, and a real table with the same numbers for
 * anyone who cannot see it (or wants the figures): the table does not wait for the chart's code.
 */
export function DailySection({ days }: { days: DailyPoint[] }) {
  const first = days[0];
  const last = days.at(-1);
  const span = first && last ? `de ${formatDay(first.date)} a ${formatDay(last.date)}` : 'no período';
  const revenue = days.reduce((sum, day) => sum + day.recoveredRevenue, 0);
  const best = days.reduce<DailyPoint | null>((top, day) => (day.recoveredRevenue > (top?.recoveredRevenue ?? 0) ? day : top), null);
  const summary = best
    ? `Receita recuperada e taxa de recuperação por dia, ${span}: ${formatMoney(revenue)} no total; o melhor dia foi ${formatDay(best.date)}, com ${formatMoney(best.recoveredRevenue)}.`
    : `Receita recuperada e taxa de recuperação por dia, ${span}: nenhuma venda recuperada.`;

  return (
    <section className="panel" aria-labelledby="daily-title">
      <h2 id="daily-title">Receita recuperada e taxa de recuperação por dia</h2>
      <div className="chart" role="img" aria-label={summary}>
        <Suspense fallback={<p className="muted chart-loading">Carregando o gráfico…</p>}>
          <DailyChart days={days} />
        </Suspense>
      </div>
      <details className="chart-table">
        <summary>Ver os números do gráfico em tabela</summary>
        <div className="table-scroll">
          <table className="data-table">
            <caption className="sr-only">Receita recuperada e taxa de recuperação por dia, {span}</caption>
            <thead>
              <tr>
                <th scope="col">Dia</th>
                <th scope="col">Abandonados</th>
                <th scope="col">Contatados</th>
                <th scope="col">Recuperadas</th>
                <th scope="col">Taxa de recuperação</th>
                <th scope="col">Receita recuperada</th>
              </tr>
            </thead>
            <tbody>
              {days.map((day) => (
                <tr key={day.date}>
                  <th scope="row">
                    <time dateTime={day.date}>{formatDay(day.date)}</time>
                  </th>
                  <td>{formatCount(day.abandonments)}</td>
                  <td>{formatCount(day.contacted)}</td>
                  <td>{formatCount(day.recovered)}</td>
                  <td>{formatPercent(day.recoveryRate)}</td>
                  <td>{formatMoney(day.recoveredRevenue)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </section>
  );
}
