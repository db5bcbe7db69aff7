// Sara's benchmarks against the issue's limits: 1 ingress vs bare Express, 2 abandonment end
// to end (1 and 3 replicas), 3 conversation replies (offline brain and a slow fake OpenAI),
// 4 memory per app; CPU profiles for whatever misses its target. Tables on stdout, raw JSON in
// bench/out/, and bench/RESULTS.md (a --quick or --only run writes bench/out/RESULTS.<quick|partial>.md instead).
//   scripts/pnpm.sh build && scripts/pnpm.sh bench [--quick] [--only ingress,end-to-end,conversation] [--no-profile]
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { benchConversation, type ConversationOptions } from './conversation.bench.js';
import { benchEndToEnd, type EndToEndOptions } from './end-to-end.bench.js';
import { benchIngress, profileIngress, type IngressBenchOptions } from './ingress.bench.js';
import { BenchEnvironment, machineLoad, printTable, ROOT, type BenchOutcome, type Table } from './lib/index.js';
import { describeCode, describeMachine, profileTables, renderResults, targetsTable } from './report.js';

const BENCHMARKS = ['ingress', 'end-to-end', 'conversation'] as const;
type BenchmarkName = (typeof BENCHMARKS)[number];

const { values: args } = parseArgs({
  options: { quick: { type: 'boolean', default: false }, only: { type: 'string' }, 'no-profile': { type: 'boolean', default: false } },
});
const quick = args.quick ?? false;
const only = (args.only?.split(',') ?? BENCHMARKS).filter((name): name is BenchmarkName => (BENCHMARKS as readonly string[]).includes(name));

/** What every run loads Sara with; --quick only shortens how long each phase lasts. */
const LOAD = {
  endToEnd: { rate: 100, lightRate: 20, spikeRate: 500, replicas: [1, 3], reference: true },
  conversation: { rate: 20, setupRate: 100, aiDelayMs: 800, workerConcurrency: 25 },
};
const DURATIONS = quick
  ? {
      ingress: { durationS: 5, warmupS: 1 },
      endToEnd: { durationS: 6, warmupS: 2, lightS: 3, spikeS: 2, idleS: 2 },
      conversationS: 4,
      drainTimeoutS: 90,
      profileS: 4,
    }
  : {
      ingress: { durationS: 20, warmupS: 3 },
      endToEnd: { durationS: 30, warmupS: 3, lightS: 10, spikeS: 5, idleS: 5 },
      conversationS: 20,
      drainTimeoutS: 180,
      profileS: 10,
    };
const PLAN: { ingress: IngressBenchOptions; endToEnd: EndToEndOptions; conversation: ConversationOptions; profileS: number } = {
  ingress: { ...DURATIONS.ingress, connections: 32 },
  endToEnd: { ...LOAD.endToEnd, ...DURATIONS.endToEnd, drainTimeoutS: DURATIONS.drainTimeoutS },
  conversation: { ...LOAD.conversation, durationS: DURATIONS.conversationS, drainTimeoutS: DURATIONS.drainTimeoutS },
  profileS: DURATIONS.profileS,
};

const code = describeCode(buildIsStale());
const startedAt = new Date();
const loadAtStart = machineLoad();
const probe = await BenchEnvironment.open();
const machine = await describeMachine(probe.prisma, probe.redis);
await probe.close();
console.log(
  `Sara benchmarks${quick ? ' (--quick)' : ''}: ${machine.cpu}, ${machine.cores} cores, ${machine.ramGiB} GiB, Node ${machine.node}; load average ${loadAtStart.loadavg}`,
);
console.log(`Code: ${code.commit} ${code.subject}${code.uncommitted.length ? ` + uncommitted changes (${code.uncommitted.length} files)` : ''}`);
console.log('The load generator, the apps, PostgreSQL and Redis share these cores.');

const outcomes: BenchOutcome[] = [];
const run = async (name: BenchmarkName, bench: () => Promise<BenchOutcome>) => {
  if (!only.includes(name)) return;
  const outcome = await bench();
  outcome.tables.forEach(printTable);
  outcomes.push(outcome);
};
await run('ingress', () => benchIngress(PLAN.ingress));
await run('end-to-end', () => benchEndToEnd(PLAN.endToEnd));
await run('conversation', () => benchConversation(PLAN.conversation));

const targets = outcomes.flatMap((outcome) => outcome.targets);
printTable(targetsTable(targets));

// Where a target is missed, a short separate run under --cpu-prof says where the CPU goes.
const profiles: Table[] = [];
if (!args['no-profile']) {
  const missed = (prefix: string) => targets.some((target) => !target.met && target.target.startsWith(prefix));
  if (missed('ingress ≥')) {
    console.log(`[profile] ingress under --cpu-prof, ${PLAN.profileS} s of autocannon`);
    profiles.push(...profileTables('ingress, autocannon 32 connections', await profileIngress({ durationS: PLAN.profileS, connections: 32 })));
  }
  if (missed('abandonment → send')) {
    console.log(`[profile] abandonment flow under --cpu-prof, 100/s for ${PLAN.profileS} s, 1+1 replicas`);
    const outcome = await benchEndToEnd({
      ...PLAN.endToEnd,
      durationS: PLAN.profileS,
      warmupS: 0,
      lightS: 0,
      spikeS: 0,
      replicas: [1],
      idleS: 0,
      reference: false,
      profile: ['worker-abandonment', 'worker-conversation'],
    });
    const [stack] = outcome.data.runs as { profiles: Parameters<typeof profileTables>[1] }[];
    profiles.push(...profileTables('abandonment flow, 100/s', stack?.profiles ?? []));
  }
  if (missed('offline reply')) {
    console.log(`[profile] offline replies under --cpu-prof, ${PLAN.conversation.rate}/s for ${PLAN.profileS} s`);
    const outcome = await benchConversation({ ...PLAN.conversation, durationS: PLAN.profileS, offlineOnly: true, profile: ['worker-conversation'] });
    const [offline] = outcome.data.runs as { profiles: Parameters<typeof profileTables>[1] }[];
    profiles.push(...profileTables(`offline replies, ${PLAN.conversation.rate}/s`, offline?.profiles ?? []));
  }
  profiles.forEach(printTable);
}

const finishedAt = new Date();
const loadAtEnd = machineLoad();
const outDir = join(ROOT, 'bench', 'out');
mkdirSync(outDir, { recursive: true });
const jsonFile = join(outDir, `results-${quick ? 'quick-' : ''}${startedAt.toISOString().replace(/[:.]/g, '-')}.json`);
writeFileSync(
  jsonFile,
  `${JSON.stringify({ startedAt, finishedAt, quick, machine, code, load: { atStart: loadAtStart, atEnd: loadAtEnd }, targets, outcomes, profiles }, null, 2)}\n`,
);
// Only a full run replaces the committed report; smoke and partial runs stay beside the raw data.
const resultsFile = quick
  ? join(outDir, 'RESULTS.quick.md')
  : only.length < BENCHMARKS.length
    ? join(outDir, 'RESULTS.partial.md')
    : join(ROOT, 'bench', 'RESULTS.md');
writeFileSync(
  resultsFile,
  renderResults({
    file: resultsFile,
    command: `scripts/pnpm.sh bench${process.argv.slice(2).length ? ` ${process.argv.slice(2).join(' ')}` : ''}`,
    startedAt,
    finishedAt,
    machine,
    code,
    load: { atStart: loadAtStart.loadavg, atEnd: loadAtEnd.loadavg, busyOthers: loadAtStart.busyOthers },
    outcomes,
    targets,
    profiles,
    jsonFile: jsonFile.slice(ROOT.length),
  }),
);
console.log(`\nraw results: ${jsonFile}\nreport: ${resultsFile}`);

/** The benchmarks run dist/: say so when a source file is newer than the build. */
function buildIsStale(): boolean {
  const newest = (dir: string, test: (name: string) => boolean): number => {
    let latest = 0;
    if (!existsSync(dir)) return latest;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory() && !['node_modules', 'generated', 'test-support'].includes(entry.name)) latest = Math.max(latest, newest(path, test));
      else if (entry.isFile() && test(entry.name)) latest = Math.max(latest, statSync(path).mtimeMs);
    }
    return latest;
  };
  const roots = ['apps', 'packages'].flatMap((group) => readdirSync(join(ROOT, group)).map((name) => join(ROOT, group, name)));
  const stale = roots.filter(
    (root) =>
      newest(join(root, 'src'), (name) => name.endsWith('.ts') && !name.endsWith('.test.ts')) > newest(join(root, 'dist'), (name) => name.endsWith('.js')),
  );
  if (stale.length)
    console.warn(
      `warning: ${stale.map((root) => root.slice(ROOT.length)).join(', ')}: source newer than build; run scripts/pnpm.sh build first to benchmark the current code.`,
    );
  return stale.length > 0;
}
