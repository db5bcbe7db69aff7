import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip } from 'chart.js';
import { useEffect, useRef } from 'react';
import type { DailyPoint } from '../../../../src/merchant-contract.js';
import { formatDay, formatMoney, formatPercent } from '../../format.js';

// Only the pieces this chart draws, so the lazy chunk stays small.
Chart.register(BarController, BarElement, LineController, LineElement, PointElement, CategoryScale, LinearScale, Tooltip, Legend);

const REVENUE_COLOUR = '#0a6647';
const RATE_COLOUR = '#1b3f73';
/** "R$ 1,6 mil": the axis stays narrow on a phone; the tooltip and the table give the exact figure. */
const compactMoney = new Intl.NumberFormat('pt-BR', { style: 'currency', currency: 'BRL', notation: 'compact' });

/**
 * Recovered revenue (bars, left axis) and the recovery rate (line, right axis) per shop day.
 * Loaded on its own (React.lazy): Chart.js is the largest thing the dashboard needs. The
 * caller gives the canvas its accessible name and the table with the same numbers.
 */
export default function DailyChart({ days }: { days: DailyPoint[] }) {
  const canvas = useRef<HTMLCanvasElement>(null);

  useEffect(() => {
    // No 2D context (a browser with canvas turned off): the table beside the chart says it all.
    const context = canvas.current?.getContext('2d');
    if (!context) return;
    const reducedMotion = window.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;
    const chart = new Chart(context, {
      data: {
        labels: days.map((day) => formatDay(day.date)),
        datasets: [
          {
            type: 'bar',
            label: 'Receita recuperada',
            data: days.map((day) => day.recoveredRevenue),
            backgroundColor: REVENUE_COLOUR,
            yAxisID: 'revenue',
            order: 2,
          },
          {
            type: 'line',
            label: 'Taxa de recuperação',
            data: days.map((day) => day.recoveryRate),
            borderColor: RATE_COLOUR,
            backgroundColor: RATE_COLOUR,
            pointRadius: days.length > 45 ? 0 : 3,
            tension: 0.25,
            yAxisID: 'rate',
            order: 1,
          },
        ],
      },
      options: {
        locale: 'pt-BR',
        responsive: true,
        maintainAspectRatio: false,
        animation: reducedMotion ? false : { duration: 300 },
        interaction: { mode: 'index', intersect: false },
        scales: {
          revenue: { type: 'linear', position: 'left', beginAtZero: true, ticks: { callback: (value) => compactMoney.format(Number(value)) } },
          rate: {
            type: 'linear',
            position: 'right',
            beginAtZero: true,
            suggestedMax: 0.2,
            grid: { drawOnChartArea: false },
            ticks: { callback: (value) => formatPercent(Number(value)) },
          },
          x: { type: 'category', ticks: { autoSkip: true, maxRotation: 0 } },
        },
        plugins: {
          legend: { position: 'bottom' },
          tooltip: {
            callbacks: {
              label: (item) =>
                `${item.dataset.label ?? ''}: ${item.dataset.yAxisID === 'rate' ? formatPercent(item.parsed.y ?? 0) : formatMoney(item.parsed.y ?? 0)}`,
            },
          },
        },
      },
    });
    return () => chart.destroy();
  }, [days]);

  return <canvas ref={canvas} aria-hidden="true" />;
}
