import type { Table } from './table.js';

/** One target of the issue, with what was measured against it. */
export type TargetCheck = {
  target: string;
  measured: string;
  met: boolean;
  /** Cores used by processes outside the benchmark while it was measured: how noisy that was. */
  noise?: number;
};

/** What each benchmark hands back to run.ts: tables to print, targets to judge, raw data for the JSON. */
export type BenchOutcome = { name: string; tables: Table[]; targets: TargetCheck[]; data: Record<string, unknown> };
