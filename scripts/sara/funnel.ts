import type { JourneyResult } from './journeys.js';
import { formatMoney, isSettled } from './transcript.js';

export type Funnel = {
  abandonments: number;
  replied: number;
  optedOut: number;
  recovered: number;
  revenue: number;
  discounted: number;
  discountedRevenue: number;
  /** How many buyers each step of the sequence reached (step 1 is the first template). */
  steps: { step: number; sent: number }[];
};

/** The run's funnel, read from where each conversation ended (not from what the demo meant to do). */
export function summarizeFunnel(results: readonly JourneyResult[]): Funnel {
  const recovered = results.filter((result) => result.transcript?.closedReason === 'converted' && result.payment);
  const discounted = recovered.filter((result) => result.payment?.linkType === 'discounted');
  const cents = (list: JourneyResult[]) => list.reduce((sum, result) => sum + Math.round((result.payment?.amount ?? 0) * 100), 0) / 100;
  return {
    abandonments: results.length,
    replied: results.filter((result) => result.transcript?.messages.some((message) => message.from === 'user')).length,
    optedOut: results.filter((result) => result.transcript?.closedReason === 'opted_out').length,
    recovered: recovered.length,
    revenue: cents(recovered),
    discounted: discounted.length,
    discountedRevenue: cents(discounted),
    steps: stepsSent(results),
  };
}

function stepsSent(results: readonly JourneyResult[]): Funnel['steps'] {
  const reached = new Map<number, number>();
  for (const result of results) {
    const steps = new Set(
      result.transcript?.messages.filter((message) => message.step !== null && isSettled(message)).map((message) => message.step as number),
    );
    for (const step of steps) reached.set(step, (reached.get(step) ?? 0) + 1);
  }
  return [...reached].sort(([a], [b]) => a - b).map(([step, sent]) => ({ step, sent }));
}

export function formatFunnel(funnel: Funnel): string {
  const share = (part: number, whole: number) => (whole === 0 ? '–' : `${Math.round((part / whole) * 100)}%`);
  return [
    'Funnel',
    `  abandonments      ${funnel.abandonments}`,
    `  replied           ${funnel.replied} (${share(funnel.replied, funnel.abandonments)})`,
    `  opted out         ${funnel.optedOut}`,
    `  recovered sales   ${funnel.recovered} (${share(funnel.recovered, funnel.abandonments)})`,
    `  revenue           ${formatMoney(funnel.revenue)}`,
    `  with discount     ${funnel.discounted} of ${funnel.recovered} sales (${share(funnel.discounted, funnel.recovered)}), ${formatMoney(funnel.discountedRevenue)}`,
    // A reply, a payment or an opt-out stops the sequence, so only the silent buyers reach step 2.
    ...funnel.steps.map(({ step, sent }) => `  step ${step} sent       ${sent} (${share(sent, funnel.abandonments)})`),
  ].join('\n');
}
