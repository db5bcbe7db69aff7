import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { availableParallelism, cpus, release, totalmem } from 'node:os';
import type { PrismaClient } from '@sara/domain';
import type { Redis } from 'ioredis';
import { formatNumber, pct, renderMarkdown, ROOT, verdict, type BenchOutcome, type ProfileSummary, type Table, type TargetCheck } from './lib/index.js';

export type Machine = { cpu: string; cores: number; ramGiB: number; node: string; kernel: string; postgres: string; redis: string };

export async function describeMachine(prisma: PrismaClient, redis: Redis): Promise<Machine> {
  const [postgres] = await prisma.$queryRawUnsafe<{ server_version: string }[]>('SHOW server_version');
  const redisVersion = /redis_version:(\S+)/.exec(await redis.info('server'))?.[1] ?? '?';
  return {
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: availableParallelism(),
    ramGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    kernel: release(),
    postgres: postgres?.server_version ?? '?',
    redis: redisVersion,
  };
}

export type CodeUnderTest = { commit: string; subject: string; uncommitted: string[]; buildStale: boolean };

/** Which code was measured: the apps are built from the working tree, which may be ahead of HEAD. */
export function describeCode(buildStale: boolean): CodeUnderTest {
  const git = (...args: string[]) => {
    try {
      return execFileSync('git', ['-C', ROOT, ...args], { encoding: 'utf8' }).trim();
    } catch {
      return '';
    }
  };
  return {
    commit: git('rev-parse', '--short', 'HEAD') || 'unknown',
    subject: git('log', '-1', '--format=%s'),
    uncommitted: git('status', '--porcelain', '--', 'apps', 'packages', 'prisma')
      .split('\n')
      .filter(Boolean)
      .map((line) => line.slice(3)),
    buildStale,
  };
}

export function targetsTable(targets: TargetCheck[]): Table {
  return {
    title: 'Targets',
    columns: ['target', 'measured', 'verdict', 'other processes meanwhile'],
    rows: targets.map((target) => [target.target, target.measured, verdict(target.met), target.noise === undefined ? '' : `${target.noise.toFixed(2)} cores`]),
    notes: [
      "'other processes meanwhile' = CPU used by processes outside the benchmark (other people's tests) during that measurement, out of 2 cores; above ~0.2 the numbers are noticeably disturbed.",
    ],
  };
}

/** Two tables per profiled process: CPU by package (own frames, and charged with what it called), and the hottest functions. */
export function profileTables(title: string, profiles: { label: string; summary: ProfileSummary }[]): Table[] {
  return profiles.flatMap(({ label, summary }) => {
    const charged = new Map(summary.callers.map((caller) => [caller.name, caller]));
    const self = new Map(summary.areas.map((area) => [area.name, area]));
    const names = [...new Set([...summary.callers.map((caller) => caller.name), ...summary.areas.map((area) => area.name)])]
      .sort((a, b) => (charged.get(b)?.selfMs ?? 0) - (charged.get(a)?.selfMs ?? 0))
      .slice(0, 14);
    const cell = (entry: { selfMs: number; share: number } | undefined) => (entry ? `${formatNumber(entry.selfMs, 0)} ms (${pct(entry.share)})` : '–');
    return [
      {
        title: `Profile (${title}) — ${label}: main-thread CPU by package`,
        columns: ['package / area', 'charged: own frames + the node core and native calls it made', 'own frames only (self)'],
        rows: names.map((name) => [name, cell(charged.get(name)), cell(self.get(name))]),
        notes: [
          `main thread busy ${formatNumber(summary.busyMs, 0)} ms, idle ${formatNumber(summary.idleMs, 0)} ms during the load (boot excluded); shares are of busy time.`,
        ],
      },
      {
        title: `Profile (${title}) — ${label}: top functions by self time`,
        columns: ['function', 'self time', 'share of busy'],
        rows: summary.functions.slice(0, 12).map((fn) => [fn.name, `${formatNumber(fn.selfMs, 0)} ms`, pct(fn.share)]),
      },
    ];
  });
}

const ANALYSIS_START = '<!-- analysis:start -->';
const ANALYSIS_END = '<!-- analysis:end -->';

/** The hand-written analysis of an earlier RESULTS.md, kept when the numbers are regenerated. */
function keptAnalysis(file: string): string {
  if (!existsSync(file)) return `${ANALYSIS_START}\n_(Write here where the time goes; this block survives regeneration.)_\n${ANALYSIS_END}`;
  const text = readFileSync(file, 'utf8');
  const start = text.indexOf(ANALYSIS_START);
  const end = text.indexOf(ANALYSIS_END);
  return start >= 0 && end > start ? text.slice(start, end + ANALYSIS_END.length) : `${ANALYSIS_START}\n${ANALYSIS_END}`;
}

export function renderResults(input: {
  file: string;
  command: string;
  startedAt: Date;
  finishedAt: Date;
  machine: Machine;
  code: CodeUnderTest;
  load: { atStart: string; atEnd: string; busyOthers: string[] };
  outcomes: BenchOutcome[];
  targets: TargetCheck[];
  profiles: Table[];
  jsonFile: string;
}): string {
  const { machine } = input;
  const minutes = ((input.finishedAt.getTime() - input.startedAt.getTime()) / 60_000).toFixed(1);
  return [
    '# Sara benchmarks — results',
    '',
    `Generated by \`${input.command}\` on ${input.startedAt.toISOString()} (${minutes} min). Raw data: \`${input.jsonFile}\` (gitignored).`,
    'Every benchmark measures its own baseline in the same run; compare ratios, not absolute numbers, across runs.',
    '',
    `Code measured: commit \`${input.code.commit}\` (${input.code.subject})${input.code.uncommitted.length ? `, plus uncommitted changes in ${input.code.uncommitted.map((file) => `\`${file}\``).join(', ')}` : ''}; apps built from the working tree${input.code.buildStale ? ' (WARNING: some source was newer than its build)' : ''}.`,
    '',
    '## Machine',
    '',
    '| CPU | cores | RAM | Node | kernel | PostgreSQL | Redis |',
    '|---|---|---|---|---|---|---|',
    `| ${machine.cpu} | ${machine.cores} | ${machine.ramGiB} GiB | ${machine.node} | ${machine.kernel} | ${machine.postgres} | ${machine.redis} |`,
    '',
    `- **The load generator shares the ${machine.cores} cores** with everything it measures: the apps, PostgreSQL and Redis all run on this machine, and the fake Graph and OpenAI servers run inside the load generator's process. Nothing is pinned to a core.`,
    `- **Noise:** other engineers may run tests on this machine at the same time. Load average at start ${input.load.atStart}, at end ${input.load.atEnd}. The CPU tables below show what processes outside the benchmark used ("other processes") during each measured phase.${input.load.busyOthers.length ? ` Seen running at start: ${input.load.busyOthers.map((line) => `\`${line}\``).join(', ')}.` : ''}`,
    '- Apps run from their build output (`node apps/<app>/dist/main.js`), NODE_ENV=production, LOG_LEVEL=info (one log line per request, to a file), default pool sizes, each in an empty directory with an explicit environment; database `sara_bench`, a fresh queue prefix per stack.',
    '',
    '## Results',
    '',
    renderMarkdown(targetsTable(input.targets)),
    // In the benchmarks' numbering (memory, 4, is measured during 2 but reads best last).
    ...input.outcomes
      .flatMap((outcome) => outcome.tables)
      .sort((a, b) => Number.parseFloat(a.title) - Number.parseFloat(b.title))
      .map(renderMarkdown),
    ...(input.profiles.length
      ? ['## CPU profiles (short separate runs under `node --cpu-prof`, for the missed targets)', '', ...input.profiles.map(renderMarkdown)]
      : []),
    '## Where the time goes',
    '',
    keptAnalysis(input.file),
    '',
    '## How to run',
    '',
    '```sh',
    'scripts/pnpm.sh build                 # the benchmarks run the built apps',
    'scripts/pnpm.sh bench                 # 1–4, profiles for missed targets, rewrites bench/RESULTS.md (~7 min)',
    'scripts/pnpm.sh bench --quick         # short smoke run; writes bench/out/RESULTS.quick.md instead',
    'scripts/pnpm.sh bench --only ingress  # ingress | end-to-end | conversation (writes bench/out/RESULTS.partial.md); --no-profile skips profiling',
    'scripts/pnpm.sh exec tsc -p bench     # type-check the benchmarks (tsx runs them unchecked)',
    '# Design 11.4 load tests against a running ingress (loopback only, not part of the run above):',
    'scripts/pnpm.sh exec tsx --conditions=sara-source bench/load-sustained.ts --url http://127.0.0.1:3000 --duration 300',
    'scripts/pnpm.sh exec tsx --conditions=sara-source bench/load-spike.ts --url http://127.0.0.1:3000',
    '```',
    '',
  ].join('\n');
}
