import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';

/** Kernel clock ticks per second, the unit of /proc/<pid>/stat CPU times. */
const CLK_TCK = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** Resident set size (VmRSS) in KiB, or undefined once the process is gone. */
export function readRssKib(pid: number): number | undefined {
  try {
    const match = /^VmRSS:\s+(\d+)\s+kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) : undefined;
  } catch {
    return undefined;
  }
}

/** User + system CPU seconds the process has used so far. */
export function readCpuSeconds(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the parenthesised command name; utime and stime are fields 14 and 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLK_TCK;
  } catch {
    return undefined;
  }
}

/** Pids whose command name is `comm` (e.g. every postgres backend). */
export function pidsNamed(comm: string): number[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === comm;
      } catch {
        return false;
      }
    })
    .map(Number);
}

/** Busy and total jiffies of the whole machine (all cores), from /proc/stat. */
function machineJiffies(): { busy: number; total: number } {
  const values = (readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '').trim().split(/\s+/).slice(1).map(Number);
  const total = values.reduce((sum, value) => sum + value, 0);
  const idle = (values[3] ?? 0) + (values[4] ?? 0);
  return { busy: total - idle, total };
}

export type MonitorTarget = { label: string; pids: () => number[]; rss?: boolean };
export type ResourceUse = { label: string; rssPeakKib?: number; rssMeanKib?: number; cpuCores: number };
export type ResourceReport = {
  seconds: number;
  /** Share of all cores busy, whoever used them. */
  machineBusy: number;
  /** Cores used by processes not in the targets (other people's tests, the OS): the run's noise. */
  othersCores: number;
  processes: ResourceUse[];
};

/**
 * Samples RSS of each target while a load runs and measures the CPU each used over the
 * window, in cores (1.0 = one core fully busy; this machine has two).
 */
export class ResourceMonitor {
  readonly #targets: MonitorTarget[];
  readonly #rss = new Map<string, number[]>();
  readonly #cpuStart = new Map<string, Map<number, number>>();
  #timer: NodeJS.Timeout | undefined;
  #startedAt = 0;
  #machineStart = { busy: 0, total: 0 };

  constructor(
    targets: MonitorTarget[],
    readonly intervalMs = 500,
  ) {
    this.#targets = targets;
  }

  start(): this {
    this.#startedAt = performance.now();
    this.#machineStart = machineJiffies();
    for (const target of this.#targets) {
      this.#cpuStart.set(target.label, new Map(target.pids().map((pid) => [pid, readCpuSeconds(pid) ?? 0])));
      this.#rss.set(target.label, []);
    }
    this.#sample();
    this.#timer = setInterval(() => this.#sample(), this.intervalMs);
    return this;
  }

  #sample(): void {
    for (const target of this.#targets) {
      if (!target.rss) continue;
      const total = target.pids().reduce((sum, pid) => sum + (readRssKib(pid) ?? 0), 0);
      if (total > 0) this.#rss.get(target.label)?.push(total);
    }
  }

  stop(): ResourceReport {
    clearInterval(this.#timer);
    this.#sample();
    const seconds = (performance.now() - this.#startedAt) / 1_000;
    const machine = machineJiffies();
    const processes = this.#targets.map((target): ResourceUse => {
      const start = this.#cpuStart.get(target.label) ?? new Map<number, number>();
      const used = target.pids().reduce((sum, pid) => sum + Math.max(0, (readCpuSeconds(pid) ?? 0) - (start.get(pid) ?? 0)), 0);
      const rss = this.#rss.get(target.label) ?? [];
      return {
        label: target.label,
        ...(rss.length ? { rssPeakKib: Math.max(...rss), rssMeanKib: rss.reduce((a, b) => a + b, 0) / rss.length } : {}),
        cpuCores: used / seconds,
      };
    });
    const machineBusy = (machine.busy - this.#machineStart.busy) / Math.max(1, machine.total - this.#machineStart.total);
    const ours = processes.reduce((sum, use) => sum + use.cpuCores, 0);
    return { seconds, machineBusy, othersCores: Math.max(0, machineBusy * availableParallelism() - ours), processes };
  }
}

/** The load average and what else is busy (this benchmark's own ancestors and children left out), to judge how noisy a run was. */
export function machineLoad(): { loadavg: string; busyOthers: string[] } {
  const loadavg = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  const parentOf = (pid: number): number | undefined => {
    try {
      return Number(/^PPid:\s+(\d+)$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
    } catch {
      return undefined;
    }
  };
  const lineage = (pid: number): number[] => {
    const chain: number[] = [];
    for (let current: number | undefined = pid; current && current > 1 && chain.length < 64; current = parentOf(current)) chain.push(current);
    return chain;
  };
  const ours = new Set(lineage(process.pid));
  const busyOthers = readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .map(Number)
    .filter((pid) => !lineage(pid).some((ancestor) => ours.has(ancestor)))
    .flatMap((pid) => {
      try {
        const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ').trim();
        return /vitest|tsc |turbo|pnpm|prisma|esbuild/.test(cmdline) ? [cmdline.slice(0, 100)] : [];
      } catch {
        return [];
      }
    });
  return { loadavg, busyOthers };
}
