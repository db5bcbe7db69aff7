import { mib, ms, type FlowReport, type ResourceReport, type Table } from './lib/index.js';
import type { Phase, StackRun } from './end-to-end.bench.js';

const appOf = (label: string) => label.replace(/#\d+$/, '');
const reported = (runs: StackRun[]) => runs.flatMap((run) => run.phases.filter((phase) => phase.name !== 'warm-up').map((phase) => ({ run, phase })));
const who = (run: StackRun) => (run.label === 'reference' ? 'no-DB reference' : run.label);
const triple = (summary: FlowReport['endToEnd']) => `${ms(summary.p50, 0)} / ${ms(summary.p95, 0)} / ${ms(summary.p99, 0)}`;

export function latencyTable(runs: StackRun[]): Table {
  const rows = reported(runs);
  const rejected = rows
    .filter(({ phase }) => phase.flows.rejected > 0)
    .map(({ run, phase }) => `${who(run)} ${phase.name}: ${JSON.stringify(phase.flows.statuses)}`);
  const warmupClean = runs.every((run) => run.phases.every((phase) => phase.flows.lost === 0 && phase.flows.duplicated === 0));
  return {
    title: '2. Abandonment → WhatsApp template: latency to the Graph request, throughput, exactly-once',
    columns: [
      'replicas',
      'phase',
      'offered',
      'accepted',
      'ingress answer p50 / p99',
      '2xx → Graph p50 / p95 / p99',
      'sent → Graph p50 / p95 / p99',
      'flows/s sustained',
      'peak/s',
      'lost',
      'dup',
    ],
    rows: rows.map(({ run, phase }) => [
      who(run),
      `${phase.name} ${phase.rate}/s × ${phase.durationS} s`,
      phase.flows.offered,
      phase.flows.accepted,
      `${ms(phase.flows.answer.p50, 0)} / ${ms(phase.flows.answer.p99, 0)}`,
      triple(phase.flows.endToEnd),
      triple(phase.flows.fromSent),
      phase.flows.sustainedPerSecond.toFixed(1),
      phase.flows.peakPerSecond,
      phase.flows.lost,
      phase.flows.duplicated,
    ]),
    notes: [
      'replicas = worker-abandonment + worker-conversation processes (plus one ingress and one idle worker-payment); WORKER_CONCURRENCY 10, WHATSAPP_SEND_RATE_PER_SECOND 10000.',
      'no-DB reference = bench/reference-pipeline.ts, the baseline: HMAC check → BullMQ → worker → BullMQ → worker → the same Graph POST, two processes, concurrency 10, no database, validation or logging.',
      "2xx → Graph: from the webhook's answer reaching the sender to the template request reaching the fake Graph API (the issue's measure). It goes negative when the ingress answers later than the workers send: read sent → Graph then, the whole event → WhatsApp time.",
      'flows/s sustained = templates delivered ÷ (last Graph request − first webhook sent); when the offered rate is above capacity this is the drain rate, i.e. the capacity.',
      `lost = accepted events with no Graph request; dup = events with more than one; Graph requests to phones never sent a webhook: ${rows.reduce((sum, { phase }) => sum + phase.strangers, 0)}; warm-up phases exactly-once too: ${warmupClean ? 'yes' : 'NO'}.`,
      rejected.length
        ? `not answered 2xx (by status; the sender would retry, and the redelivery would be deduplicated): ${rejected.join('; ')}; of these, stored and sent exactly once anyway: ${rows.reduce((sum, { phase }) => sum + phase.flows.sentWithoutAnswer, 0)}.`
        : 'every webhook was answered 200.',
      `open-loop generator: worst timer lag ${Math.max(...rows.map(({ phase }) => phase.maxTimerLagMs)).toFixed(0)} ms (the generator shares the cores; a late tick sends the overdue requests at once).`,
    ],
  };
}

export function breakdownTable(runs: StackRun[]): Table {
  return {
    title: "2b. Where an abandonment flow spends its time (means; jobs from the apps' own Prometheus histograms)",
    columns: [
      'replicas',
      'phase',
      'sent → Graph',
      'ingress answer',
      'abandonment job',
      'outbound job (incl. Graph call)',
      'Graph call',
      'rest: ingress until enqueue, queue waits, BullMQ',
      'DB queries per flow',
    ],
    rows: reported(runs.filter((run) => run.label !== 'reference')).map(({ run, phase }) => {
      const { breakdown } = phase;
      return [
        run.label,
        phase.name,
        ms(phase.flows.fromSent.mean),
        ms(phase.flows.answer.mean),
        ms(breakdown.abandonmentJobMs),
        ms(breakdown.outboundJobMs),
        ms(breakdown.graphCallMs),
        ms(phase.flows.fromSent.mean - breakdown.abandonmentJobMs - breakdown.outboundJobMs),
        breakdown.dbQueriesPerFlow.toFixed(1),
      ];
    }),
  };
}

/** Worst replica of each app: what one process of it needs. */
function perApp(values: Record<string, number | undefined>): Map<string, number> {
  const byApp = new Map<string, number>();
  for (const [label, value] of Object.entries(values)) {
    if (value !== undefined && Number.isFinite(value)) byApp.set(appOf(label), Math.max(byApp.get(appOf(label)) ?? 0, value));
  }
  return byApp;
}

export function memoryTable(runs: StackRun[]): Table {
  const apps = ['ingress', 'worker-abandonment', 'worker-conversation', 'worker-payment'];
  return {
    title: '4. Memory per process (VmRSS; with several replicas, the largest one)',
    columns: ['app', ...runs.flatMap((run) => [`idle (${run.label})`, `peak under load (${run.label})`, `idle after load (${run.label})`])],
    rows: apps.map((app) => [
      app,
      ...runs.flatMap((run) => {
        const underLoad = Math.max(
          ...run.phases.flatMap((phase) => phase.resources.processes.filter((use) => appOf(use.label) === app).map((use) => use.rssPeakKib ?? 0)),
        );
        return [mib(perApp(run.rssIdle).get(app)), mib(underLoad > 0 ? underLoad : undefined), mib(perApp(run.rssAfter).get(app))];
      }),
    ]),
    notes: [
      'Idle = after boot with no traffic; peak = the highest sample (every 0.5 s) during the warm-up, light, steady and spike phases and their drains; worker-payment has no work in these flows.',
    ],
  };
}

export function cpuTable(runs: StackRun[]): Table {
  const columns = reported(runs).filter(({ phase }) => phase.name !== 'light');
  const groups = [...new Set(columns.flatMap(({ phase }) => phase.resources.processes.map((use) => appOf(use.label))))];
  const cores = (report: ResourceReport, group: string) =>
    report.processes.filter((use) => appOf(use.label) === group).reduce((sum, use) => sum + use.cpuCores, 0);
  // The monitor spans the phase and its drain, so every accepted flow was delivered inside it.
  const perFlow = (phase: Phase, used: number) => (used * phase.resources.seconds * 1_000) / Math.max(1, phase.flows.accepted);
  const cell = (phase: Phase, used: number) => `${used.toFixed(2)} (${perFlow(phase, used).toFixed(1)} ms/flow)`;
  return {
    title: '2c. CPU used during the steady and spike phases and their drains, in cores (the machine has 2; replicas summed), and CPU time per flow',
    columns: ['process', ...columns.map(({ run, phase }) => `${who(run)} ${phase.name}`)],
    rows: [
      ...groups.map((group) => [
        group,
        ...columns.map(({ phase }) => (phase.resources.processes.some((use) => appOf(use.label) === group) ? cell(phase, cores(phase.resources, group)) : '')),
      ]),
      [
        'all of the above',
        ...columns.map(({ phase }) =>
          cell(
            phase,
            phase.resources.processes.reduce((sum, use) => sum + use.cpuCores, 0),
          ),
        ),
      ],
      ['other processes (not this benchmark)', ...columns.map(({ phase }) => phase.resources.othersCores.toFixed(2))],
      ['machine busy (all processes)', ...columns.map(({ phase }) => `${(phase.resources.machineBusy * 100).toFixed(0)} %`)],
    ],
    notes: ["postgres counts every backend on the machine, including other people's test databases."],
  };
}
