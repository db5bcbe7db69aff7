// Design 11.4, spike: from a base rate, ramp to the peak within 10 s, hold it, fall back and
// watch the ingress recover (defaults: 100/s for 10 s, ramp to 500/s over 10 s, hold 20 s,
// 100/s for 10 s). Against a running ingress on this machine; not part of `bench/run.ts`.
//   tsx --conditions=sara-source bench/load-spike.ts --url http://127.0.0.1:3000 [--base 100 --peak 500 --lead 10 --ramp 10 --hold 20 --tail 10]
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loopbackUrl, MAX_DURATION_S, MAX_RATE, printTable, ROOT, runWebhookLoad, webhookLoadTable, webhookSecret } from './lib/index.js';

const seconds = { type: 'string' } as const;
const { values } = parseArgs({
  options: {
    url: { type: 'string', default: 'http://127.0.0.1:3000' },
    base: { ...seconds, default: '100' },
    peak: { ...seconds, default: '500' },
    lead: { ...seconds, default: '10' },
    ramp: { ...seconds, default: '10' },
    hold: { ...seconds, default: '20' },
    tail: { ...seconds, default: '10' },
  },
});
const url = loopbackUrl(values.url ?? '');
const [base, peak, lead, ramp, hold, tail] = [values.base, values.peak, values.lead, values.ramp, values.hold, values.tail].map(Number) as [
  number,
  number,
  number,
  number,
  number,
  number,
];
if (!(base >= 0 && peak > 0 && Math.max(base, peak) <= MAX_RATE)) throw new Error(`--base and --peak must be 0..${MAX_RATE} per second`);
if (![lead, ramp, hold, tail].every((value) => value >= 0) || ramp > 10)
  throw new Error('--lead, --hold, --tail must be ≥ 0 and --ramp 0..10 seconds (the design: the spike comes within 10 s)');
const durationS = lead + ramp + hold + tail;
if (!(durationS > 0 && durationS <= MAX_DURATION_S)) throw new Error(`the whole run must last 1..${MAX_DURATION_S} s`);

/** Requests per second at `elapsedMs`: base, linear ramp, peak, base again. */
const shape = (elapsedMs: number): number => {
  const t = elapsedMs / 1_000;
  if (t < lead) return base;
  if (t < lead + ramp) return base + ((peak - base) * (t - lead)) / ramp;
  if (t < lead + ramp + hold) return peak;
  return base;
};

console.log(`spike: ${base}/s for ${lead} s, ramp to ${peak}/s over ${ramp} s, hold ${hold} s, ${base}/s for ${tail} s → ${url}`);
const report = await runWebhookLoad({ url, secret: webhookSecret(), rate: shape, durationS, phoneTag: 91 });
printTable(webhookLoadTable(`Spike ${base} → ${peak}/s within ${ramp} s (hold ${hold} s) → ${url}/webhook/abandonment`, report));
mkdirSync(join(ROOT, 'bench', 'out'), { recursive: true });
const file = join(ROOT, 'bench', 'out', `load-spike-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
writeFileSync(file, `${JSON.stringify({ url, base, peak, lead, ramp, hold, tail, report }, null, 2)}\n`);
console.log(`raw results: ${file}`);
process.exitCode = report.ok2xx === report.offered && report.under2s === 1 ? 0 : 1;
