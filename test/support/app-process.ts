import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { waitFor } from './wait-for.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const TSX = import.meta.resolve('tsx');

export type AppName = 'ingress' | 'worker-abandonment' | 'worker-conversation' | 'worker-payment';

/**
 * One Sara app as its own OS process, run from source, for tests that need what only a
 * process has: kill -9, SIGTERM, its own OpenTelemetry SDK. It runs in an empty directory so
 * no developer .env leaks in; everything it reads comes from `env`.
 */
export class AppProcess {
  readonly logs: Record<string, unknown>[] = [];
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  private readonly child: ChildProcess;

  constructor(
    readonly app: AppName,
    env: Record<string, string>,
  ) {
    this.child = spawn(process.execPath, ['--conditions=sara-source', '--import', TSX, join(ROOT, 'apps', app, 'src', 'main.ts')], {
      cwd: mkdtempSync(join(tmpdir(), `sara-${app}-`)),
      env: { PATH: process.env.PATH ?? '', NODE_ENV: 'test', LOG_LEVEL: 'info', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let pending = '';
    this.child.stdout?.on('data', (chunk: Buffer) => {
      const lines = (pending + chunk.toString('utf8')).split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        try {
          this.logs.push(JSON.parse(line) as Record<string, unknown>);
        } catch {
          this.logs.push({ msg: line });
        }
      }
    });
    let stderr = '';
    this.child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
    });
    this.exited = new Promise((resolve) => {
      this.child.on('exit', (code, signal) => {
        if (code) this.logs.push({ msg: `exited ${code}`, stderr: stderr.slice(-2_000) });
        resolve({ code, signal });
      });
    });
  }

  async waitForLog(message: string, timeoutMs = 30_000): Promise<Record<string, unknown>> {
    await waitFor(() => this.logs.some((line) => line.msg === message) || this.child.exitCode !== null, timeoutMs, `${this.app}: "${message}"`);
    const line = this.logs.find((entry) => entry.msg === message);
    if (!line) throw new Error(`${this.app} exited before "${message}": ${JSON.stringify(this.logs.slice(-3))}`);
    return line;
  }

  kill(signal: NodeJS.Signals): void {
    this.child.kill(signal);
  }

  async stop(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) {
      this.child.kill('SIGKILL');
      await this.exited;
    }
  }
}
