import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { waitFor } from '../../test/support/wait-for.js';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const TSX = import.meta.resolve('tsx');

export type AppName = 'ingress' | 'worker-abandonment' | 'worker-conversation' | 'worker-payment';

/** The log line each app writes once it serves. */
const READY: Record<AppName, string> = {
  ingress: 'ingress listening',
  'worker-abandonment': 'worker consuming',
  'worker-conversation': 'worker consuming',
  'worker-payment': 'worker consuming',
};

const running = new Set<BenchProcess>();
// A benchmark that throws must not leave apps consuming CPU behind it.
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/**
 * One process under benchmark: the built app (`node apps/<app>/dist/main.js`) or a small
 * script, in an empty temporary directory so no .env leaks in, with exactly the environment
 * given. Its stdout and stderr go to a file, not through this process, so the load generator
 * does not pay for parsing its logs.
 */
export class BenchProcess {
  readonly dir: string;
  readonly logFile: string;
  /** When it was spawned (epoch ms): a CPU profile's clock starts about then. */
  readonly startedAt = Date.now();
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** The app's ready log line (it carries the port of its HTTP or metrics server). */
  ready: Record<string, unknown> | undefined;
  readonly #child: ChildProcess;

  constructor(
    readonly label: string,
    args: string[],
    env: Record<string, string>,
  ) {
    this.dir = mkdtempSync(join(tmpdir(), `sara-bench-${label}-`));
    this.logFile = join(this.dir, 'output.log');
    const fd = openSync(this.logFile, 'a');
    this.#child = spawn(process.execPath, args, { cwd: this.dir, env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', fd, fd] });
    closeSync(fd);
    running.add(this);
    this.exited = new Promise((resolve) => {
      this.#child.once('exit', (code, signal) => {
        running.delete(this);
        resolve({ code, signal });
      });
    });
  }

  /** A Sara app from its build output; `cpuProfile` writes a .cpuprofile into `dir` on exit. */
  static app(app: AppName, env: Record<string, string>, options: { label?: string; cpuProfile?: boolean } = {}): BenchProcess {
    const main = join(ROOT, 'apps', app, 'dist', 'main.js');
    if (!existsSync(main)) throw new Error(`${main} is missing: run scripts/pnpm.sh build first`);
    const label = options.label ?? app;
    const profile = options.cpuProfile ? ['--cpu-prof', `--cpu-prof-name=${label}.cpuprofile`] : [];
    return new BenchProcess(label, [...profile, main], env);
  }

  /** A TypeScript file of bench/, run through tsx. */
  static script(label: string, file: string, env: Record<string, string>): BenchProcess {
    return new BenchProcess(label, ['--import', TSX, join(ROOT, 'bench', file)], env);
  }

  get pid(): number {
    if (this.#child.pid === undefined) throw new Error(`${this.label} did not start`);
    return this.#child.pid;
  }

  get alive(): boolean {
    return this.#child.exitCode === null && this.#child.signalCode === null;
  }

  logs(): Record<string, unknown>[] {
    return readFileSync(this.logFile, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => {
        try {
          return JSON.parse(line) as Record<string, unknown>;
        } catch {
          return { msg: line };
        }
      });
  }

  async waitForLog(message: string, timeoutMs = 30_000): Promise<Record<string, unknown>> {
    let found: Record<string, unknown> | undefined;
    await waitFor(
      () => {
        found = this.logs().find((line) => line.msg === message);
        return found !== undefined || !this.alive;
      },
      timeoutMs,
      `${this.label}: "${message}"`,
    );
    if (!found) throw new Error(`${this.label} exited before "${message}": ${readFileSync(this.logFile, 'utf8').slice(-2_000)}`);
    return found;
  }

  async waitReady(app: AppName): Promise<Record<string, unknown>> {
    this.ready = await this.waitForLog(READY[app]);
    return this.ready;
  }

  /** GET /metrics of the app: the ingress' own port, or a worker's metrics port. */
  get metricsUrl(): string {
    const port = this.ready?.port ?? this.ready?.metricsPort;
    if (typeof port !== 'number') throw new Error(`${this.label} has no known port`);
    return `http://127.0.0.1:${port}/metrics`;
  }

  kill(signal: NodeJS.Signals): void {
    if (this.alive) this.#child.kill(signal);
  }

  /**
   * SIGTERM (a clean stop writes a CPU profile), SIGKILL if it lingers: after the apps' own
   * 15 s forced exit, which still writes the profile.
   */
  async stop(graceMs = 25_000): Promise<void> {
    if (!this.alive) return;
    this.kill('SIGTERM');
    const timer = setTimeout(() => this.kill('SIGKILL'), graceMs);
    await this.exited;
    clearTimeout(timer);
  }
}
