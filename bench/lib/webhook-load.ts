import { loadDotEnv } from '@sara/config';
import { abandonmentRequest, PhoneBook } from './events.js';
import { HttpPoster, runAtRate, type RateShape } from './load.js';
import { summarize } from './stats.js';
import { ms, type Table } from './table.js';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);
export const MAX_RATE = 2_000;
export const MAX_DURATION_S = 3_600;

/** Refuses anything but this machine: these scripts must never load someone else's server. */
export function loopbackUrl(value: string): string {
  const url = new URL(value);
  if (url.protocol !== 'http:' || !LOOPBACK.has(url.hostname)) throw new Error(`--url must be http:// on loopback (127.0.0.1, localhost, ::1), got ${value}`);
  return url.origin;
}

/** The secret the running Sara checks: the environment, else the nearest .env (as the apps read it). */
export function webhookSecret(): string {
  loadDotEnv();
  const secret = process.env.PAYMENT_WEBHOOK_SECRET;
  if (!secret || secret === 'change-me')
    throw new Error('PAYMENT_WEBHOOK_SECRET is not set (export it, or run from the checkout whose .env the running Sara uses)');
  return secret;
}

export type WebhookLoadReport = {
  offered: number;
  ok2xx: number;
  non2xx: Record<string, number>;
  networkErrors: number;
  achievedPerSecond: number;
  answer: ReturnType<typeof summarize>;
  under2s: number;
};

/**
 * Signed abandonment webhooks (fresh abandonmentId and phone each) at the given rate shape,
 * open loop; prints one progress line per second and returns the design's checks: status 200
 * and answer < 2 s (design 11.4).
 */
export async function runWebhookLoad(options: {
  url: string;
  secret: string;
  rate: RateShape;
  durationS: number;
  phoneTag: number;
}): Promise<WebhookLoadReport> {
  const poster = new HttpPoster(options.url, 512);
  const phones = new PhoneBook(options.phoneTag);
  const started = Date.now();
  const perSecond = new Map<number, { sent: number; ok: number; answers: number[] }>();
  const { results, elapsedMs } = await runAtRate({
    rate: options.rate,
    durationMs: options.durationS * 1_000,
    fire: async () => {
      const { body, headers } = abandonmentRequest(options.secret, phones.next());
      const exchange = await poster.post('/webhook/abandonment', body, headers);
      const second = Math.floor((exchange.sentAt - started) / 1_000);
      const bucket = perSecond.get(second) ?? { sent: 0, ok: 0, answers: [] };
      bucket.sent++;
      if (exchange.status >= 200 && exchange.status < 300) bucket.ok++;
      bucket.answers.push(exchange.acceptedAt - exchange.sentAt);
      perSecond.set(second, bucket);
      return exchange;
    },
    onSecond: (second, fired) => {
      const bucket = perSecond.get(second - 1);
      const stats = summarize(bucket?.answers ?? []);
      console.log(
        `t=${String(second).padStart(4)} s  sent ${String(fired).padStart(7)}  last second: ${bucket?.ok ?? 0}/${bucket?.sent ?? 0} answered 2xx so far, answer p50 ${ms(stats.p50, 0)} p99 ${ms(stats.p99, 0)}`,
      );
    },
  });
  poster.close();
  const answers = results.map((exchange) => exchange.acceptedAt - exchange.sentAt);
  const non2xx: Record<string, number> = {};
  for (const exchange of results)
    if (exchange.status !== 0 && (exchange.status < 200 || exchange.status >= 300)) non2xx[exchange.status] = (non2xx[exchange.status] ?? 0) + 1;
  return {
    offered: results.length,
    ok2xx: results.filter((exchange) => exchange.status >= 200 && exchange.status < 300).length,
    non2xx,
    networkErrors: results.filter((exchange) => exchange.status === 0).length,
    achievedPerSecond: (results.length * 1_000) / elapsedMs,
    answer: summarize(answers),
    under2s: answers.filter((answer) => answer < 2_000).length / Math.max(1, answers.length),
  };
}

export function webhookLoadTable(title: string, report: WebhookLoadReport): Table {
  return {
    title,
    columns: ['offered', 'rate achieved', '2xx', 'non-2xx', 'network errors', 'answer p50', 'p95', 'p99', 'max', 'answered < 2 s'],
    rows: [
      [
        report.offered,
        `${report.achievedPerSecond.toFixed(1)}/s`,
        report.ok2xx,
        Object.keys(report.non2xx).length ? JSON.stringify(report.non2xx) : '0',
        report.networkErrors,
        ms(report.answer.p50),
        ms(report.answer.p95),
        ms(report.answer.p99),
        ms(report.answer.max, 0),
        `${((report.under2s ?? 0) * 100).toFixed(2)} %`,
      ],
    ],
  };
}
