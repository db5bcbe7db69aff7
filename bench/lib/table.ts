/** Tables printed on stdout and written as Markdown into RESULTS.md, from the same rows. */

export type Cell = string | number;
export type Table = { title: string; columns: string[]; rows: Cell[][]; notes?: string[] };

export function formatNumber(value: number, digits = 0): string {
  if (!Number.isFinite(value)) return '–';
  return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

export const ms = (value: number, digits = Math.abs(value) >= 100 ? 0 : 1): string => (Number.isFinite(value) ? `${formatNumber(value, digits)} ms` : '–');
export const mib = (kib: number | undefined): string => (kib === undefined ? '–' : `${formatNumber(kib / 1024, 0)} MiB`);
export const pct = (value: number): string => (Number.isFinite(value) ? `${formatNumber(value * 100, 0)} %` : '–');
export const verdict = (met: boolean): string => (met ? 'met' : 'MISSED');

const text = (cell: Cell): string => (typeof cell === 'number' ? formatNumber(cell, Number.isInteger(cell) ? 0 : 2) : cell);

export function renderText(table: Table): string {
  const cells = [table.columns, ...table.rows.map((row) => row.map(text))];
  const widths = table.columns.map((_, column) => Math.max(...cells.map((row) => (row[column] ?? '').length)));
  const line = (row: string[]) =>
    row
      .map((cell, column) => cell.padEnd(widths[column] ?? 0))
      .join('  ')
      .trimEnd();
  return [
    `\n== ${table.title} ==`,
    line(table.columns),
    line(widths.map((width) => '-'.repeat(width))),
    ...cells.slice(1).map(line),
    ...(table.notes ?? []).map((note) => `  * ${note}`),
  ].join('\n');
}

export function renderMarkdown(table: Table): string {
  const escape = (cell: string) => cell.replaceAll('|', '\\|');
  return [
    `### ${table.title}`,
    '',
    `| ${table.columns.map(escape).join(' | ')} |`,
    `|${table.columns.map(() => '---').join('|')}|`,
    ...table.rows.map((row) => `| ${row.map((cell) => escape(text(cell))).join(' | ')} |`),
    ...(table.notes?.length ? ['', ...table.notes.map((note) => `- ${note}`)] : []),
    '',
  ].join('\n');
}

export function printTable(table: Table): void {
  console.log(renderText(table));
}
