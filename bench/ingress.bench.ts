import { setTimeout as sleep } from 'node:timers/promises';
import { Prisma } from '@sara/domain';
import { truncateAll } from '../test/support/database.js';
import {
  abandonmentRequest,
  BenchEnvironment,
  BenchProcess,
  hammer,
  histogramDelta,
  mib,
  ms,
  PhoneBook,
  pidsNamed,
  QUEUES,
  ratio,
  ResourceMonitor,
  scrapeMetrics,
  SECRETS,
  verdict,
  type BenchOutcome,
  type HammerResult,
  type MetricSample,
  type ProfileSummary,
  type ResourceReport,
} from './lib/index.js';

export type IngressBenchOptions = { durationS: number; warmupS: number; connections: number };

/**
 * Benchmark 1: signed abandonment webhooks against the ingress alone (no workers, so every
 * job stays queued), beside two baselines driven with the very same requests in the same run:
 * a bare Express 5 app, and a minimal durable reference (HMAC, one INSERT, one BullMQ add).
 * Then proves each 2xx left exactly one webhooks_log row and one BullMQ job.
 */
export async function benchIngress(options: IngressBenchOptions): Promise<BenchOutcome> {
  const environment = await BenchEnvironment.open();
  try {
    const phones = new PhoneBook(1);
    const build = () => abandonmentRequest(SECRETS.PAYMENT_WEBHOOK_SECRET, phones.next());
    const runServer = (target: BenchProcess, url: string) => measureServer(target, url, options, build);

    const bare = environment.track(BenchProcess.script('bare-express', 'bare-express.ts', { NODE_ENV: 'production' }));
    const bareUrl = `http://127.0.0.1:${String((await bare.waitForLog('bare express listening')).port)}`;
    console.log(`[ingress] bare Express 5: ${options.connections} connections, ${options.durationS} s`);
    const bareRun = await runServer(bare, bareUrl);
    await bare.stop();

    const referenceEnv = { NODE_ENV: 'production', ...environment.appEnv(), QUEUE_PREFIX: `${environment.prefix}:reference` };
    const reference = environment.track(BenchProcess.script('reference-ingress', 'reference-ingress.ts', referenceEnv));
    const referenceUrl = `http://127.0.0.1:${String((await reference.waitForLog('reference ingress listening')).port)}`;
    console.log(`[ingress] minimal durable reference: ${options.connections} connections, ${options.durationS} s`);
    const referenceRun = await runServer(reference, referenceUrl);
    await sleep(2_000);
    await reference.stop();
    await truncateAll(environment.prisma);

    const ingress = await environment.startIngress();
    console.log(`[ingress] Sara ingress: ${options.connections} connections, ${options.durationS} s`);
    const metricsBefore = await scrapeMetrics(ingress.process.metricsUrl);
    const saraRun = await runServer(ingress.process, ingress.url);
    // Requests still in flight when autocannon stopped may finish just after: let them land.
    await sleep(2_000);
    const metricsAfter = await scrapeMetrics(ingress.process.metricsUrl);
    const check = await checkDurableWork(environment, [saraRun.warmup, saraRun.measured], saraRun.acknowledged, saraRun.duplicates);
    // Each request that reached the database stored one row (warm-up and in-flight ones included).
    const statements = statementsPerRequest(metricsBefore, metricsAfter, check.rows);

    const ingressRatio = ratio(saraRun.measured.requestsPerSecond, bareRun.measured.requestsPerSecond);
    const referenceRatio = ratio(saraRun.measured.requestsPerSecond, referenceRun.measured.requestsPerSecond);
    const row = (name: string, run: ServerRun) => [
      name,
      Math.round(run.measured.requestsPerSecond),
      ms(run.measured.latency.p50, 0),
      ms(run.measured.latency.p99, 0),
      run.measured.non2xx,
      run.measured.errors + run.measured.timeouts,
      cpuPerRequest(run),
    ];
    return {
      name: 'ingress',
      tables: [
        {
          title: `1. Ingress throughput (autocannon, ${options.connections} connections, ${options.durationS} s after ${options.warmupS} s warm-up)`,
          columns: ['server', 'req/s', 'p50', 'p99', 'non-2xx', 'errors', 'server CPU per request'],
          rows: [
            row('bare Express 5 (JSON hello-world)', bareRun),
            row('minimal durable reference (HMAC + INSERT + BullMQ add)', referenceRun),
            row('Sara ingress POST /webhook/abandonment', saraRun),
            ['Sara / bare (target ≥ 0.8)', ingressRatio.toFixed(2), '', '', '', '', ''],
            ['Sara / minimal reference', referenceRatio.toFixed(2), '', '', '', '', ''],
          ],
          notes: [
            'All three get the same signed, unique POSTs, so the load generator does identical work for each; each runs alone as its own process.',
            `Sara's database statements per request: ${statements.text}.`,
            ...[bareRun, referenceRun, saraRun].map((run) => `CPU during the ${run.label} run (cores of 2): ${cpuLine(run.resources)}`),
          ],
        },
        {
          title: '1b. Every 2xx is durable exactly once (Sara ingress alone, jobs left queued)',
          columns: [
            '2xx answers',
            'distinct ids answered',
            'with 1 log row',
            'with a job',
            'webhooks_log rows',
            'rows enqueued',
            `LLEN ${QUEUES.abandonment}:wait`,
            'jobs (all states)',
            'check',
          ],
          rows: [
            [
              check.ok2xx,
              check.acknowledged,
              check.acknowledgedWithRow,
              check.acknowledgedWithJob,
              check.rows,
              check.enqueuedRows,
              check.waitList,
              check.jobsAllStates,
              check.ok ? 'OK' : 'MISMATCH',
            ],
          ],
          notes: [
            'Counted over warm-up and measured run. Rows beyond the 2xx answers are requests still in flight when autocannon stopped (it drops them unanswered); they are stored and queued too, and are at most one per connection.',
            `job counts by state: ${JSON.stringify(check.jobCounts)}`,
            `ingress RSS peak under load: ${mib(saraRun.resources.processes[0]?.rssPeakKib)}`,
          ],
        },
      ],
      targets: [
        {
          target: 'ingress ≥ 0.8 × bare Express 5 (req/s)',
          measured: `${ingressRatio.toFixed(2)} × (${Math.round(saraRun.measured.requestsPerSecond)} vs ${Math.round(bareRun.measured.requestsPerSecond)} req/s); ${referenceRatio.toFixed(2)} × the minimal durable reference (${Math.round(referenceRun.measured.requestsPerSecond)} req/s)`,
          met: ingressRatio >= 0.8,
          noise: Math.max(...[bareRun, referenceRun, saraRun].map((run) => run.resources.othersCores)),
        },
        {
          target: 'ingress: every 2xx has exactly one log row and one job',
          measured: `${check.ok2xx} 2xx → ${check.acknowledgedWithRow} rows, ${check.acknowledgedWithJob} jobs; ${check.inFlightAtStop} more stored and queued while in flight at autocannon's stop (${verdict(check.ok)})`,
          met: check.ok,
          noise: saraRun.resources.othersCores,
        },
      ],
      data: {
        options,
        runs: [bareRun, referenceRun, saraRun].map(({ acknowledged, ...run }) => ({ ...run, acknowledged: acknowledged.size })),
        ratio: ingressRatio,
        referenceRatio,
        statements: statements.perOperation,
        check,
      },
    };
  } finally {
    await environment.close();
  }
}

type ServerRun = Awaited<ReturnType<typeof measureServer>>;

/** Warm-up, then the measured autocannon run with the server's CPU and RSS sampled. */
async function measureServer(target: BenchProcess, url: string, options: IngressBenchOptions, build: () => { body: string; headers: Record<string, string> }) {
  // abandonmentIds answered "received", read from the answer's body.
  const acknowledged = new Set<string>();
  let duplicates = 0;
  const onResponse = (status: number, body: string) => {
    if (status !== 200 || !body.startsWith('{"status":')) return;
    if (!body.startsWith('{"status":"received"')) duplicates++;
    const at = body.indexOf('"abandonmentId":"') + 17;
    if (at > 16) acknowledged.add(body.slice(at, body.indexOf('"', at)));
  };
  const hammerFor = (durationS: number) => hammer({ url, path: '/webhook/abandonment', connections: options.connections, durationS, build, onResponse });
  const warmup = options.warmupS > 0 ? await hammerFor(options.warmupS) : undefined;
  const monitor = new ResourceMonitor([
    { label: target.label, pids: () => [target.pid], rss: true },
    { label: 'load generator (this process)', pids: () => [process.pid] },
    { label: 'postgres (all backends)', pids: () => pidsNamed('postgres') },
    { label: 'redis-server', pids: () => pidsNamed('redis-server') },
  ]).start();
  const measured = await hammerFor(options.durationS);
  return { label: target.label, warmup, measured, resources: monitor.stop(), acknowledged, duplicates };
}

/** SQL statements the ingress ran per request, by verb, from its Prometheus histogram. */
function statementsPerRequest(before: MetricSample[], after: MetricSample[], requests: number) {
  const name = 'sara_db_query_duration_seconds';
  const operations = [...new Set(after.filter((sample) => sample.name === `${name}_count`).map((sample) => sample.labels.operation ?? '?'))];
  const perOperation = Object.fromEntries(
    operations.map((operation) => {
      const { count, meanMs } = histogramDelta(before, after, name, { operation });
      return [operation, { perRequest: count / Math.max(1, requests), meanMs }];
    }),
  );
  const text = Object.entries(perOperation)
    .filter(([, value]) => value.perRequest >= 0.01)
    .map(([operation, value]) => `${operation} ${value.perRequest.toFixed(2)} (mean ${ms(value.meanMs, 2)})`)
    .join(', ');
  return { perOperation, text: text || 'none recorded' };
}

/** The ingress alone under --cpu-prof for a short autocannon run: where its CPU goes. */
export async function profileIngress(options: { durationS: number; connections: number }): Promise<{ label: string; summary: ProfileSummary }[]> {
  const environment = await BenchEnvironment.open();
  try {
    const phones = new PhoneBook(2);
    const ingress = await environment.startIngress({}, { cpuProfile: true });
    const loadStarted = Date.now();
    await hammer({
      url: ingress.url,
      path: '/webhook/abandonment',
      connections: options.connections,
      durationS: options.durationS,
      build: () => abandonmentRequest(SECRETS.PAYMENT_WEBHOOK_SECRET, phones.next()),
    });
    const loadEnded = Date.now();
    // Let the requests autocannon dropped at its stop finish first: a SIGTERM that lands while
    // they still wait for a database connection leaves the ingress hanging after "ingress
    // stopped" (seen here), and a SIGKILLed process writes no profile.
    await sleep(3_000);
    return await environment.stopAndSummarizeProfiles(loadStarted, loadEnded);
  } finally {
    await environment.close();
  }
}

function cpuPerRequest(run: ServerRun): string {
  return ms(((run.resources.processes[0]?.cpuCores ?? Number.NaN) * 1_000) / run.measured.requestsPerSecond, 2);
}

function cpuLine(report: ResourceReport): string {
  return [
    ...report.processes.map((use) => `${use.label} ${use.cpuCores.toFixed(2)}`),
    `other processes ${report.othersCores.toFixed(2)}`,
    `machine busy ${(report.machineBusy * 100).toFixed(0)} %`,
  ].join(', ');
}

/**
 * Each abandonmentId answered 2xx must have exactly one webhooks_log row (UNIQUE(type, external_id)
 * guarantees at most one) whose BullMQ job (id = row id) exists; every row must be queued.
 */
async function checkDurableWork(environment: BenchEnvironment, runs: (HammerResult | undefined)[], acknowledged: Set<string>, duplicates: number) {
  const ok2xx = runs.reduce((sum, run) => sum + (run?.ok2xx ?? 0), 0);
  const rows = await environment.prisma.$queryRaw<{ id: string; external_id: string; enqueued: boolean }[]>(
    Prisma.sql`SELECT id::text, external_id, enqueued_at IS NOT NULL AS enqueued FROM webhooks_log WHERE webhook_type = 'abandonment'`,
  );
  const rowByExternalId = new Map(rows.map((row) => [row.external_id, row]));
  const answeredRows = [...acknowledged].flatMap((id) => rowByExternalId.get(id) ?? []);
  const pipeline = environment.redis.pipeline();
  for (const row of answeredRows) pipeline.exists(`${environment.prefix}:${QUEUES.abandonment}:${row.id}`);
  const exists = (await pipeline.exec()) ?? [];
  const acknowledgedWithJob = exists.filter(([error, found]) => !error && found === 1).length;
  const jobCounts = await environment.jobCounts(QUEUES.abandonment);
  const waitList = await environment.waitListLength(QUEUES.abandonment);
  const jobsAllStates = Object.values(jobCounts).reduce((sum, count) => sum + count, 0);
  const enqueuedRows = rows.filter((row) => row.enqueued).length;
  const ok =
    duplicates === 0 &&
    acknowledged.size === ok2xx &&
    answeredRows.length === ok2xx &&
    acknowledgedWithJob === ok2xx &&
    enqueuedRows === rows.length &&
    jobsAllStates === rows.length &&
    waitList === rows.length;
  return {
    ok2xx,
    acknowledged: acknowledged.size,
    duplicates,
    acknowledgedWithRow: answeredRows.length,
    acknowledgedWithJob,
    rows: rows.length,
    inFlightAtStop: rows.length - answeredRows.length,
    enqueuedRows,
    waitList,
    jobsAllStates,
    jobCounts,
    ok,
  };
}
