// `pnpm demo`: plays the four buyer journeys against a running Sara and prints what happened,
// the silent buyer's follow-up included.
// scripts/start-all.mjs --demo runs it once every app is up; exit 0 only if every journey
// ended as expected, so CI can run `bash scripts/up.sh`.
import { parseArgs } from 'node:util';
import { loadDotEnv } from '@sara/config';
import { resolveSettings, SaraClient, SaraError } from './client.js';
import { setUpDemoFollowUp } from './demo-follow-up.js';
import { formatFunnel, summarizeFunnel } from './funnel.js';
import { playJourneys } from './journeys.js';
import { parseTimeout, waitForReady } from './wait.js';

loadDotEnv();
const { values } = parseArgs({
  options: {
    url: { type: 'string' },
    timeout: { type: 'string', default: '30' },
  },
});
const client = new SaraClient(resolveSettings(values));
const say = (line: string) => process.stdout.write(`${line}\n`);

try {
  // The buyers are made up (random +55 numbers): with a real Cloud API token they would get real messages.
  if (process.env.WHATSAPP_ACCESS_TOKEN) {
    throw new SaraError(
      "WHATSAPP_ACCESS_TOKEN is set, so Sara sends real WhatsApp messages and the demo's made-up buyers would get them. The demo runs on the sandbox only; start Sara without it: scripts/pnpm.sh start",
    );
  }
  const timeoutMs = parseTimeout(values.timeout);
  say(`\nSara demo: four buyers, played through ${client.settings.url} with signed webhooks`);
  await waitForReady(client, { say, timeoutMs: Math.max(timeoutMs, 60_000) });
  const putBack = await setUpDemoFollowUp(client, say);
  const results = await playJourneys(client, { say, timeoutMs }).finally(() => putBack());
  say(`\n${formatFunnel(summarizeFunnel(results))}\n`);
  const failed = results.filter((result) => result.problems.length > 0);
  if (failed.length > 0) {
    say(`✗ ${failed.length} of ${results.length} journeys did not end as expected: ${failed.map((result) => result.journey.title).join('; ')}`);
    process.exitCode = 1;
  } else {
    say(`✓ all ${results.length} journeys ended as expected`);
  }
} catch (error) {
  if (!(error instanceof SaraError)) throw error;
  say(`✗ demo stopped: ${error.message}`);
  process.exitCode = 1;
}
