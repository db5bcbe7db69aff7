import { setTimeout as sleep } from 'node:timers/promises';
import { FakeGraphServer } from '../packages/whatsapp/src/test-support/fake-graph-server.js';
import { breakdownTable, cpuTable, latencyTable, memoryTable } from './end-to-end.tables.js';
import {
  abandonmentRequest,
  BenchEnvironment,
  BenchProcess,
  GraphLedger,
  histogramDelta,
  HttpPoster,
  measureFlows,
  metricTotal,
  ms,
  PhoneBook,
  pidsNamed,
  ProcessStack,
  QUEUES,
  readRssKib,
  ResourceMonitor,
  runAtRate,
  scrapeAll,
  SECRETS,
  type AppName,
  type BenchOutcome,
  type FlowReport,
  type MonitorTarget,
  type ProfileSummary,
  type ResourceReport,
  type SentEvent,
} from './lib/index.js';

export type EndToEndOptions = {
  rate: number;
  durationS: number;
  warmupS: number;
  /** A rate well under capacity, measured before the steady phase: the pipeline's own latency without queueing. */
  lightRate: number;
  lightS: number;
  spikeRate: number;
  spikeS: number;
  replicas: number[];
  idleS: number;
  drainTimeoutS: number;
  /** Also run the same phases through bench/reference-pipeline.ts (the transport floor). */
  reference?: boolean;
  /** Apps to run under --cpu-prof (for a profiling run, not a measured one). */
  profile?: AppName[];
};

export type Phase = {
  name: string;
  rate: number;
  durationS: number;
  flows: FlowReport;
  drained: boolean;
  strangers: number;
  maxTimerLagMs: number;
  resources: ResourceReport;
  breakdown: { abandonmentJobMs: number; outboundJobMs: number; graphCallMs: number; dbQueriesPerFlow: number };
};

export type StackRun = {
  /** "1+1" (replicas of each worker) or "reference". */
  label: string;
  phases: Phase[];
  rssIdle: Record<string, number>;
  rssAfter: Record<string, number>;
  profiles: { label: string; summary: ProfileSummary }[];
};

/** What a phase needs from the system under test. */
type PhaseTarget = { label: string; url: string; ledger: GraphLedger; monitorTargets: MonitorTarget[]; metricsUrls: string[]; drainTimeoutS: number };

/**
 * Benchmark 2 (and 4): abandonments at a fixed rate through the real apps as processes, the
 * template arriving at a fake Graph API; latency from the webhook's 2xx to the Graph request,
 * flows per second, exactly-once; RSS of each app idle and under load. Baseline in the same
 * run: the same phases through a minimal two-hop BullMQ pipeline with no database.
 */
export async function benchEndToEnd(options: EndToEndOptions): Promise<BenchOutcome> {
  const runs: StackRun[] = [];
  if (options.reference) runs.push(await runReference(options, 10));
  for (const [index, replicas] of options.replicas.entries()) runs.push(await runStack(replicas, options, 20 + index * 10));
  const sara = runs.filter((run) => run.label !== 'reference');
  const phases = sara.flatMap((run) => run.phases.filter((phase) => phase.name !== 'warm-up').map((phase) => ({ label: run.label, phase })));
  const allClean = runs.every((run) => run.phases.every((phase) => phase.flows.lost === 0 && phase.flows.duplicated === 0 && phase.strangers === 0));
  const reference = runs.find((run) => run.label === 'reference')?.phases.find((phase) => phase.name === 'steady');
  const sum = (pick: (phase: Phase) => number) => phases.reduce((total, { phase }) => total + pick(phase), 0);
  return {
    name: 'end-to-end',
    tables: [latencyTable(runs), breakdownTable(runs), cpuTable(runs), memoryTable(sara)],
    targets: [
      ...phases
        .filter(({ phase }) => phase.name === 'steady')
        .map(({ label, phase }) => ({
          target: `abandonment → send p95 ≤ 50 ms at ${phase.rate}/s (${label} replicas)`,
          measured: `p95 ${ms(phase.flows.endToEnd.p95)} (p50 ${ms(phase.flows.endToEnd.p50)}); sent → Graph p95 ${ms(phase.flows.fromSent.p95)}; ${phase.flows.sustainedPerSecond.toFixed(0)} flows/s${reference ? `; no-DB reference p95 ${ms(reference.flows.endToEnd.p95)}` : ''}`,
          met: phase.flows.endToEnd.p95 <= 50,
          noise: phase.resources.othersCores,
        })),
      {
        target: 'abandonments: zero lost or duplicated (every phase)',
        measured: `${sum((phase) => phase.flows.accepted)} accepted, ${sum((phase) => phase.flows.lost)} lost, ${sum((phase) => phase.flows.duplicated)} duplicated, ${sum((phase) => phase.flows.rejected)} not answered 2xx (${sum((phase) => phase.flows.sentWithoutAnswer)} of them stored and sent once anyway; the sender's retry would be deduplicated)`,
        met: allClean,
        noise: Math.max(...phases.map(({ phase }) => phase.resources.othersCores)),
      },
    ],
    data: { options, runs },
  };
}

async function runPhase(target: PhaseTarget, name: string, phaseTag: number, rate: number, durationS: number): Promise<Phase> {
  console.log(`[end-to-end] ${target.label}: ${name}, ${rate}/s for ${durationS} s`);
  const phones = new PhoneBook(phaseTag);
  // Fresh sockets per phase: none left idle across a drain for the server to time out under us.
  const poster = new HttpPoster(target.url);
  const monitor = new ResourceMonitor(target.monitorTargets).start();
  const before = await scrapeAll(target.metricsUrls);
  const run = await runAtRate({
    rate,
    durationMs: durationS * 1_000,
    fire: async (): Promise<SentEvent> => {
      const phone = phones.next();
      const { body, headers } = abandonmentRequest(SECRETS.PAYMENT_WEBHOOK_SECRET, phone);
      return { ...(await poster.post('/webhook/abandonment', body, headers)), phone };
    },
  });
  poster.close();
  const accepted = run.results.filter((event) => event.status === 200).map((event) => event.phone);
  const drained = await target.ledger.waitForAll(accepted, 'template', target.drainTimeoutS * 1_000);
  const resources = monitor.stop();
  // Duplicates would come after the first send: give a retry a moment to show itself.
  await sleep(1_000);
  const after = await scrapeAll(target.metricsUrls);
  const flows = measureFlows(run.results, target.ledger, 'template');
  const dbQueries = metricTotal(after, 'sara_db_query_duration_seconds_count') - metricTotal(before, 'sara_db_query_duration_seconds_count');
  return {
    name,
    rate,
    durationS,
    flows,
    drained,
    strangers: target.ledger.strangers(new Set(run.results.map((event) => event.phone)), 'template', phaseTag),
    maxTimerLagMs: run.maxTimerLagMs,
    resources,
    breakdown: {
      abandonmentJobMs: histogramDelta(before, after, 'sara_job_duration_seconds', { queue: QUEUES.abandonment }).meanMs,
      outboundJobMs: histogramDelta(before, after, 'sara_job_duration_seconds', { queue: QUEUES.whatsappOutbound }).meanMs,
      graphCallMs: histogramDelta(before, after, 'sara_whatsapp_send_duration_seconds').meanMs,
      dbQueriesPerFlow: flows.accepted > 0 ? dbQueries / flows.accepted : Number.NaN,
    },
  };
}

/** Warm-up (unreported), light, steady and spike phases, each with its own phone range. */
async function runPhases(target: PhaseTarget, options: EndToEndOptions, tag: number): Promise<{ phases: Phase[]; loadStarted: number; loadEnded: number }> {
  const phases: Phase[] = [];
  if (options.warmupS > 0) phases.push(await runPhase(target, 'warm-up', tag, options.lightRate, options.warmupS));
  const loadStarted = Date.now();
  if (options.lightS > 0) phases.push(await runPhase(target, 'light', tag + 1, options.lightRate, options.lightS));
  phases.push(await runPhase(target, 'steady', tag + 2, options.rate, options.durationS));
  if (options.spikeS > 0) phases.push(await runPhase(target, 'spike', tag + 3, options.spikeRate, options.spikeS));
  return { phases, loadStarted, loadEnded: Date.now() };
}

const helpers: MonitorTarget[] = [
  { label: 'load generator + fake Graph (this process)', pids: () => [process.pid] },
  { label: 'postgres (all backends)', pids: () => pidsNamed('postgres') },
  { label: 'redis-server', pids: () => pidsNamed('redis-server') },
];

async function runStack(replicas: number, options: EndToEndOptions, tag: number): Promise<StackRun> {
  const environment = await BenchEnvironment.open();
  const graph = await new FakeGraphServer().start();
  const label = `${replicas}+${replicas}`;
  try {
    console.log(`[end-to-end] starting ingress + ${replicas} × worker-abandonment + ${replicas} × worker-conversation + worker-payment`);
    const stack = await ProcessStack.start(environment, graph, { replicas, withPayment: true, ...(options.profile ? { cpuProfile: options.profile } : {}) });
    await sleep(options.idleS * 1_000);
    const rssIdle = sampleRss(stack.processes);
    const target = {
      label,
      url: stack.url,
      ledger: new GraphLedger(graph),
      monitorTargets: stack.monitorTargets(),
      metricsUrls: stack.metricsUrls(),
      drainTimeoutS: options.drainTimeoutS,
    };
    const { phases, loadStarted, loadEnded } = await runPhases(target, options, tag);
    await sleep(options.idleS * 1_000);
    const rssAfter = sampleRss(stack.processes);
    const profiles = options.profile ? await environment.stopAndSummarizeProfiles(loadStarted, loadEnded) : [];
    return { label, phases, rssIdle, rssAfter, profiles };
  } finally {
    await environment.close();
    await graph.stop();
  }
}

async function runReference(options: EndToEndOptions, tag: number): Promise<StackRun> {
  const environment = await BenchEnvironment.open();
  const graph = await new FakeGraphServer().start();
  try {
    console.log('[end-to-end] starting the reference pipeline (no database): ingress + worker processes');
    const env = {
      NODE_ENV: 'production',
      REDIS_URL: environment.appEnv().REDIS_URL as string,
      QUEUE_PREFIX: environment.prefix,
      PAYMENT_WEBHOOK_SECRET: SECRETS.PAYMENT_WEBHOOK_SECRET,
      GRAPH_URL: graph.url,
    };
    const ingress = environment.track(BenchProcess.script('reference ingress', 'reference-pipeline.ts', { ...env, ROLE: 'ingress' }));
    const worker = environment.track(BenchProcess.script('reference worker', 'reference-pipeline.ts', { ...env, ROLE: 'worker' }));
    const ready = await ingress.waitForLog('reference pipeline listening');
    await worker.waitForLog('reference worker consuming');
    const processes = [ingress, worker];
    const target = {
      label: 'reference',
      url: `http://127.0.0.1:${String(ready.port)}`,
      ledger: new GraphLedger(graph),
      monitorTargets: [...processes.map((child) => ({ label: child.label, pids: () => [child.pid], rss: true })), ...helpers],
      metricsUrls: [],
      drainTimeoutS: options.drainTimeoutS,
    };
    const { phases } = await runPhases(target, options, tag);
    return { label: 'reference', phases, rssIdle: {}, rssAfter: sampleRss(processes), profiles: [] };
  } finally {
    await environment.close();
    await graph.stop();
  }
}

function sampleRss(processes: BenchProcess[]): Record<string, number> {
  return Object.fromEntries(processes.map((child) => [child.label, readRssKib(child.pid) ?? Number.NaN]));
}
