import type { FakeGraphServer } from '../../packages/whatsapp/src/test-support/fake-graph-server.js';
import { PHONE_NUMBER_ID, type BenchEnvironment } from './environment.js';
import type { AppName, BenchProcess } from './processes.js';
import { pidsNamed, type MonitorTarget } from './resources.js';

export type StackOptions = {
  /** Replicas of worker-abandonment and of worker-conversation. */
  replicas: number;
  /** Also run one worker-payment (idle in these flows; started to measure its memory). */
  withPayment?: boolean;
  /** Extra variables for every app (e.g. WORKER_CONCURRENCY) and for worker-conversation only (the AI). */
  env?: Record<string, string>;
  conversationEnv?: Record<string, string>;
  /** Apps to run under `node --cpu-prof`. */
  cpuProfile?: AppName[];
};

/**
 * Sara as deployed, as processes from the build: one ingress and `replicas` of each worker,
 * sending through the Graph API client to an in-process FakeGraphServer, unthrottled.
 */
export class ProcessStack {
  private constructor(
    readonly ingress: BenchProcess,
    readonly url: string,
    readonly workers: BenchProcess[],
  ) {}

  static async start(environment: BenchEnvironment, graph: FakeGraphServer, options: StackOptions): Promise<ProcessStack> {
    const env = {
      WHATSAPP_ACCESS_TOKEN: 'EAAG-bench-token',
      WHATSAPP_API_URL: graph.url,
      WHATSAPP_PHONE_NUMBER_ID: PHONE_NUMBER_ID,
      WHATSAPP_SEND_RATE_PER_SECOND: '10000',
      ...options.env,
    };
    const profiled = (app: AppName) => ({ cpuProfile: options.cpuProfile?.includes(app) ?? false });
    const workerSpecs: { app: AppName; label: string; env: Record<string, string> }[] = [];
    for (let replica = 1; replica <= options.replicas; replica++) {
      workerSpecs.push({ app: 'worker-abandonment', label: `worker-abandonment#${replica}`, env });
      workerSpecs.push({ app: 'worker-conversation', label: `worker-conversation#${replica}`, env: { ...env, ...options.conversationEnv } });
    }
    if (options.withPayment) workerSpecs.push({ app: 'worker-payment', label: 'worker-payment#1', env });
    const [ingress, ...workers] = await Promise.all([
      environment.startIngress(env, profiled('ingress')),
      ...workerSpecs.map((spec) => environment.startApp(spec.app, spec.env, { label: spec.label, ...profiled(spec.app) })),
    ]);
    const started = ingress as { process: BenchProcess; url: string };
    return new ProcessStack(started.process, started.url, workers as BenchProcess[]);
  }

  get processes(): BenchProcess[] {
    return [this.ingress, ...this.workers];
  }

  metricsUrls(): string[] {
    return this.processes.map((child) => child.metricsUrl);
  }

  /** Every app process (RSS and CPU), plus the load generator, Postgres and Redis (CPU). */
  monitorTargets(): MonitorTarget[] {
    return [
      ...this.processes.map((child) => ({ label: child.label, pids: () => [child.pid], rss: true })),
      { label: 'load generator + fake Graph (this process)', pids: () => [process.pid] },
      { label: 'postgres (all backends)', pids: () => pidsNamed('postgres') },
      { label: 'redis-server', pids: () => pidsNamed('redis-server') },
    ];
  }
}
