import type { RecoveryReportView, ReportSlice } from '@sara/domain';
import { formatMoney } from './transcript.js';

const DAY_MS = 24 * 3600_000;
export const DEFAULT_REPORT_DAYS = 30;

/** The console's words for the kinds (docs/console.md), beside the code a developer greps for. */
const KIND_NAMES: Record<string, string> = {
  cart: 'Carrinho',
  pix_generated: 'Pix gerado',
  pix_expired: 'Pix expirado',
  boleto_printed: 'Boleto gerado',
  boleto_expired: 'Boleto vencido',
};

// Dates as the shop reads them, whatever zone the terminal is in.
const dateTime = new Intl.DateTimeFormat('pt-BR', {
  timeZone: 'America/Sao_Paulo',
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});

/**
 * The period to report on: --from and --to as given, else the 30 days before --to (or now).
 * Returns ISO instants, or the flag at fault, so the command says which one to fix.
 */
export function reportRange(flags: { from?: string | undefined; to?: string | undefined }, now: Date): { from: string; to: string } | { problem: string } {
  const parse = (raw: string | undefined, flag: string) => {
    if (raw === undefined) return undefined;
    const at = Date.parse(raw);
    return Number.isNaN(at) ? flag : new Date(at);
  };
  const to = parse(flags.to, '--to') ?? now;
  if (typeof to === 'string') return { problem: `${to} must be an ISO 8601 date or date-time, e.g. 2026-11-30 or 2026-11-30T23:59:59-03:00` };
  const from = parse(flags.from, '--from') ?? new Date(to.getTime() - DEFAULT_REPORT_DAYS * DAY_MS);
  if (typeof from === 'string') return { problem: `${from} must be an ISO 8601 date or date-time, e.g. 2026-11-01 or 2026-11-01T00:00:00-03:00` };
  if (from.getTime() >= to.getTime()) return { problem: '--from must be earlier than --to' };
  return { from: from.toISOString(), to: to.toISOString() };
}

const share = (part: number, whole: number) => (whole === 0 ? '–' : `${((part / whole) * 100).toFixed(1)} %`);

/** A fraction as signed percentage points, with a true minus sign: 0.042 → "+4.2", −0.01 → "−1.0". */
export function points(fraction: number): string {
  const value = (fraction * 100).toFixed(1);
  if (Number(value) === 0) return '0.0';
  return fraction > 0 ? `+${value}` : `−${value.slice(1)}`;
}

/** The report as a person reads it: the funnel, each step's sales, kinds and sources, and the lift. */
export function formatReport(report: RecoveryReportView): string {
  const { holdout } = report;
  const lines = [
    `Recovery report · abandonments created ${dateTime.format(new Date(report.from))} → ${dateTime.format(new Date(report.to))}`,
    '',
    'Funnel',
    `  abandonments   ${String(report.abandonments).padStart(6)}`,
    `  contacted      ${count(report.contacted, report.abandonments)}`,
    `  replied        ${count(report.replied, report.abandonments)}`,
    `  opted out      ${count(report.optedOut, report.abandonments)}`,
    `  recovered      ${count(report.recovered, report.abandonments)}   ${formatMoney(report.recoveredRevenue)}`,
    '',
    'By step          sent   sales after it',
    ...(report.byStep.length === 0
      ? ['  no follow-up steps in this period']
      : report.byStep.map((step) => `  step ${step.step}      ${String(step.sent).padStart(6)}   ${String(step.recoveredAfter).padStart(6)}`)),
    '',
    ...slices('By kind', report.byKind, (kind) => `${kind} (${KIND_NAMES[kind] ?? kind})`),
    '',
    ...slices('By source', report.bySource, (source) => source),
    '',
    'Holdout (the control group gets no message)',
    `  control     ${cohort(holdout.control)}`,
    `  treatment   ${cohort(holdout.treatment)}`,
  ];
  if (holdout.control.abandonments === 0 || holdout.treatment.abandonments === 0) {
    lines.push('  lift unknown: a group is empty in this period (holdoutPercent 0 puts everyone in treatment)');
  } else {
    const [lo, hi] = holdout.liftCi95;
    lines.push(`  lift ${points(holdout.lift)} pp (95 % CI ${points(lo)} to ${points(hi)}) · incremental revenue ${formatMoney(holdout.incrementalRevenue)}`);
  }
  return lines.join('\n');
}

function count(part: number, whole: number): string {
  return `${String(part).padStart(6)}   ${share(part, whole).padStart(7)}`;
}

function cohort(group: { abandonments: number; recovered: number; rate: number }): string {
  return `${group.recovered} of ${group.abandonments} recovered (${(group.rate * 100).toFixed(1)} %)`;
}

function slices(title: string, record: Record<string, ReportSlice>, label: (key: string) => string): string[] {
  const entries = Object.entries(record);
  if (entries.length === 0) return [title, '  none'];
  const width = Math.max(...entries.map(([key]) => label(key).length), 12);
  return [
    `${title.padEnd(width + 2)}  abandonments   recovered   revenue`,
    ...entries.map(
      ([key, slice]) =>
        `  ${label(key).padEnd(width)}  ${String(slice.abandonments).padStart(12)}   ${String(slice.recovered).padStart(9)}   ${formatMoney(slice.recoveredRevenue)}`,
    ),
  ];
}
