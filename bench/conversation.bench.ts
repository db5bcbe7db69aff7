import { setTimeout as sleep } from 'node:timers/promises';
import { FakeOpenAiServer } from '../packages/ai-openai/src/test-support/fake-openai-server.js';
import { FakeGraphServer } from '../packages/whatsapp/src/test-support/fake-graph-server.js';
import {
  abandonmentRequest,
  BenchEnvironment,
  buyerTextRequest,
  GraphLedger,
  hasFixtures,
  histogramDelta,
  HttpPoster,
  measureFlows,
  metricTotal,
  ms,
  PhoneBook,
  ProcessStack,
  QUEUES,
  ResourceMonitor,
  runAtRate,
  scrapeAll,
  SECRETS,
  type AppName,
  type BenchOutcome,
  type FlowReport,
  type ProfileSummary,
  type ResourceReport,
  type SentEvent,
} from './lib/index.js';

export type ConversationOptions = {
  rate: number;
  durationS: number;
  setupRate: number;
  aiDelayMs: number;
  workerConcurrency: number;
  drainTimeoutS: number;
  /** Only the offline brain (for a profiling run); and apps to run under --cpu-prof. */
  offlineOnly?: boolean;
  profile?: AppName[];
};

type BrainRun = {
  brain: string;
  flows: FlowReport;
  drained: boolean;
  resources: ResourceReport;
  breakdown: { inboundJobMs: number; aiMs: number; outboundJobMs: number; dbQueriesPerReply: number };
  profiles: { label: string; summary: ProfileSummary }[];
};

/**
 * Benchmark 3: buyers answer Sara's template at a fixed rate; latency from the inbound
 * webhook's 200 to Sara's reply reaching the Graph API, with the offline brain and with an
 * OpenAI-compatible fake that takes `aiDelayMs` to answer.
 */
export async function benchConversation(options: ConversationOptions): Promise<BenchOutcome> {
  if (!hasFixtures) {
    console.warn('[conversation] ../shared/fixtures/whatsapp is absent: buyer messages are built from it, so benchmark 3 is skipped.');
    return { name: 'conversation', tables: [], targets: [], data: { skipped: 'no ../shared/fixtures' } };
  }
  const offline = await runBrain('offline pt-BR brain', options, 40, {});
  if (options.offlineOnly) return { name: 'conversation', tables: [], targets: [], data: { options, runs: [offline] } };
  const openai = await runBrain(`fake OpenAI (${options.aiDelayMs} ms)`, options, 50, { OPENAI_API_KEY: 'sk-bench' }, options.aiDelayMs);
  const overhead = (value: number) => ms(value - options.aiDelayMs);
  const runs = [offline, openai];
  const clean = runs.every((run) => run.flows.lost === 0 && run.flows.duplicated === 0);
  return {
    name: 'conversation',
    tables: [
      {
        title: `3. Buyer reply → Sara's answer (inbound webhook 200 received → reply's Graph request arrives), ${options.rate}/s × ${options.durationS} s`,
        columns: ['brain', 'offered', 'accepted', 'ingress answer p50/p99', 'p50', 'p95', 'p99', 'max', 'replies/s', 'lost', 'dup'],
        rows: [
          ...runs.map((run) => [
            run.brain,
            run.flows.offered,
            run.flows.accepted,
            `${ms(run.flows.answer.p50)} / ${ms(run.flows.answer.p99)}`,
            ms(run.flows.endToEnd.p50),
            ms(run.flows.endToEnd.p95),
            ms(run.flows.endToEnd.p99),
            ms(run.flows.endToEnd.max, 0),
            run.flows.sustainedPerSecond.toFixed(1),
            run.flows.lost,
            run.flows.duplicated,
          ]),
          [
            `Sara's overhead with the AI (latency − ${options.aiDelayMs} ms)`,
            '',
            '',
            '',
            overhead(openai.flows.endToEnd.p50),
            overhead(openai.flows.endToEnd.p95),
            overhead(openai.flows.endToEnd.p99),
            overhead(openai.flows.endToEnd.max),
            '',
            '',
            '',
          ],
        ],
        notes: [
          `Each buyer has one open conversation, set up through the abandonment flow first (template sent), and sends one text. One ingress, one worker-abandonment, one worker-conversation; WORKER_CONCURRENCY ${options.workerConcurrency} (at ${options.rate}/s with a ${options.aiDelayMs} ms model, ${Math.ceil((options.rate * options.aiDelayMs) / 1_000)} AI calls are in flight; the default 10 would cap one replica at ${((10 * 1_000) / options.aiDelayMs).toFixed(1)} replies/s).`,
          ...runs.map(
            (run) =>
              `${run.brain}: inbound job ${ms(run.breakdown.inboundJobMs)} (AI decision ${ms(run.breakdown.aiMs)}), outbound job ${ms(run.breakdown.outboundJobMs)}, ${run.breakdown.dbQueriesPerReply.toFixed(1)} DB queries per reply (means); CPU cores: ${run.resources.processes
                .filter((use) => use.cpuCores >= 0.01)
                .map((use) => `${use.label} ${use.cpuCores.toFixed(2)}`)
                .join(', ')}, other processes ${run.resources.othersCores.toFixed(2)}.`,
          ),
        ],
      },
    ],
    targets: [
      {
        target: `offline reply p95 ≤ 100 ms at ${options.rate}/s`,
        measured: `p95 ${ms(offline.flows.endToEnd.p95)} (p50 ${ms(offline.flows.endToEnd.p50)})`,
        met: offline.flows.endToEnd.p95 <= 100,
        noise: offline.resources.othersCores,
      },
      {
        target: 'conversation replies: zero lost or duplicated',
        measured: runs.map((run) => `${run.brain}: ${run.flows.accepted} accepted, ${run.flows.lost} lost, ${run.flows.duplicated} duplicated`).join('; '),
        met: clean,
        noise: Math.max(...runs.map((run) => run.resources.othersCores)),
      },
    ],
    data: { options, runs },
  };
}

async function runBrain(brain: string, options: ConversationOptions, tag: number, aiEnv: Record<string, string>, aiDelayMs?: number): Promise<BrainRun> {
  const environment = await BenchEnvironment.open();
  const graph = await new FakeGraphServer().start();
  const openai = aiDelayMs === undefined ? undefined : await new FakeOpenAiServer().start();
  if (openai && aiDelayMs !== undefined) openai.delayMs = aiDelayMs;
  try {
    const stack = await ProcessStack.start(environment, graph, {
      replicas: 1,
      env: { WORKER_CONCURRENCY: String(options.workerConcurrency) },
      conversationEnv: { ...aiEnv, ...(openai ? { OPENAI_BASE_URL: openai.baseUrl } : {}) },
      ...(options.profile ? { cpuProfile: options.profile } : {}),
    });
    const ledger = new GraphLedger(graph);
    let poster = new HttpPoster(stack.url);
    const count = Math.round(options.rate * options.durationS);
    const phoneBook = new PhoneBook(tag);
    const phones = Array.from({ length: count }, () => phoneBook.next());

    console.log(`[conversation] ${brain}: opening ${count} conversations through the abandonment flow`);
    await runAtRate({
      rate: options.setupRate,
      durationMs: (count / options.setupRate) * 1_000 + 50,
      fire: async (index) => {
        const phone = phones[index];
        if (!phone) return;
        const { body, headers } = abandonmentRequest(SECRETS.PAYMENT_WEBHOOK_SECRET, phone);
        // As a checkout platform would, redeliver until the ingress takes it.
        for (let attempt = 1; ; attempt++) {
          const answer = await poster.post('/webhook/abandonment', body, headers);
          if (answer.status === 200) return;
          if (attempt === 5) throw new Error(`setup abandonment answered ${answer.status}: ${answer.body}`);
          await sleep(1_000 * attempt);
        }
      },
    });
    if (!(await ledger.waitForAll(phones, 'template', options.drainTimeoutS * 1_000))) throw new Error('setup: not every template was sent');
    await sleep(1_000);

    poster.close();
    poster = new HttpPoster(stack.url);
    // Built before the clock starts: reading the fixture is not part of what is measured.
    const messages = phones.map((phone, index) => buyerTextRequest(SECRETS.WHATSAPP_APP_SECRET, phone, index));
    console.log(`[conversation] ${brain}: ${options.rate} buyer replies/s for ${options.durationS} s`);
    const monitor = new ResourceMonitor(stack.monitorTargets()).start();
    const before = await scrapeAll(stack.metricsUrls());
    const loadStarted = Date.now();
    const run = await runAtRate({
      rate: options.rate,
      durationMs: options.durationS * 1_000,
      fire: async (index): Promise<SentEvent> => {
        const phone = phones[index] as string;
        const message = messages[index] as { body: string; headers: Record<string, string> };
        return { ...(await poster.post('/webhook/messages', message.body, message.headers)), phone };
      },
    });
    const accepted = run.results.filter((event) => event.status === 200).map((event) => event.phone);
    const drained = await ledger.waitForAll(accepted, 'text', options.drainTimeoutS * 1_000);
    const loadEnded = Date.now();
    const resources = monitor.stop();
    await sleep(1_000);
    const after = await scrapeAll(stack.metricsUrls());
    const flows = measureFlows(run.results, ledger, 'text');
    const dbQueries = metricTotal(after, 'sara_db_query_duration_seconds_count') - metricTotal(before, 'sara_db_query_duration_seconds_count');
    poster.close();
    const profiles = options.profile ? await environment.stopAndSummarizeProfiles(loadStarted, loadEnded) : [];
    return {
      brain,
      flows,
      drained,
      resources,
      profiles,
      breakdown: {
        inboundJobMs: histogramDelta(before, after, 'sara_job_duration_seconds', { queue: QUEUES.whatsappInbound }).meanMs,
        aiMs: histogramDelta(before, after, 'sara_ai_request_duration_seconds').meanMs,
        outboundJobMs: histogramDelta(before, after, 'sara_job_duration_seconds', { queue: QUEUES.whatsappOutbound }).meanMs,
        dbQueriesPerReply: flows.accepted > 0 ? dbQueries / flows.accepted : Number.NaN,
      },
    };
  } finally {
    await environment.close();
    await graph.stop();
    await openai?.stop();
  }
}
