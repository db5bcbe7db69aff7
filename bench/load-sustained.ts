// Design 11.4, sustained load: signed abandonment webhooks at a fixed rate (default 100/s for
// 5 minutes) against a running ingress on this machine. Not part of `bench/run.ts`.
//   tsx --conditions=sara-source bench/load-sustained.ts --url http://127.0.0.1:3000 --duration 300 [--rate 100]
// The secret is PAYMENT_WEBHOOK_SECRET from the environment or the checkout's .env.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loopbackUrl, MAX_DURATION_S, MAX_RATE, printTable, ROOT, runWebhookLoad, webhookLoadTable, webhookSecret } from './lib/index.js';

const { values } = parseArgs({
  options: {
    url: { type: 'string', default: 'http://127.0.0.1:3000' },
    duration: { type: 'string', default: '300' },
    rate: { type: 'string', default: '100' },
  },
});
const url = loopbackUrl(values.url ?? '');
const durationS = Number(values.duration);
const rate = Number(values.rate);
if (!(durationS > 0 && durationS <= MAX_DURATION_S)) throw new Error(`--duration must be 1..${MAX_DURATION_S} seconds`);
if (!(rate > 0 && rate <= MAX_RATE)) throw new Error(`--rate must be 1..${MAX_RATE} per second`);

console.log(`sustained load: ${rate} abandonment webhooks/s for ${durationS} s against ${url}`);
const report = await runWebhookLoad({ url, secret: webhookSecret(), rate, durationS, phoneTag: 90 });
printTable(webhookLoadTable(`Sustained ${rate}/s for ${durationS} s → ${url}/webhook/abandonment`, report));
mkdirSync(join(ROOT, 'bench', 'out'), { recursive: true });
const file = join(ROOT, 'bench', 'out', `load-sustained-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
writeFileSync(file, `${JSON.stringify({ url, rate, durationS, report }, null, 2)}\n`);
console.log(`raw results: ${file}`);
// The design's checks: every answer a 200 and under 2 s.
process.exitCode = report.ok2xx === report.offered && report.under2s === 1 ? 0 : 1;
