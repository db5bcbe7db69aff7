/** Reads Sara's own Prometheus counters, to split a latency into where it was spent. */

export type MetricSample = { name: string; labels: Record<string, string>; value: number };

const LINE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)/;

export async function scrapeMetrics(url: string): Promise<MetricSample[]> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
  return parseMetrics(await response.text());
}

export function parseMetrics(text: string): MetricSample[] {
  return text.split('\n').flatMap((line) => {
    const match = LINE.exec(line);
    if (!match || line.startsWith('#')) return [];
    const labels = Object.fromEntries([...(match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((label) => [label[1], label[2]]));
    return [{ name: match[1] as string, labels, value: Number(match[3]) }];
  });
}

/** Sum of a metric's samples whose labels include `where`. */
export function metricTotal(samples: MetricSample[], name: string, where: Record<string, string> = {}): number {
  return samples
    .filter((sample) => sample.name === name && Object.entries(where).every(([key, value]) => sample.labels[key] === value))
    .reduce((sum, sample) => sum + sample.value, 0);
}

/** Several processes' scrapes (replicas) taken together. */
export async function scrapeAll(urls: string[]): Promise<MetricSample[]> {
  return (await Promise.all(urls.map((url) => scrapeMetrics(url).catch(() => [] as MetricSample[])))).flat();
}

/** The mean of a histogram between two scrapes (sum/count deltas), in ms, and how many observations. */
export function histogramDelta(
  before: MetricSample[],
  after: MetricSample[],
  name: string,
  where: Record<string, string> = {},
): { count: number; meanMs: number } {
  const count = metricTotal(after, `${name}_count`, where) - metricTotal(before, `${name}_count`, where);
  const sum = metricTotal(after, `${name}_sum`, where) - metricTotal(before, `${name}_sum`, where);
  return { count, meanMs: count > 0 ? (sum / count) * 1_000 : Number.NaN };
}
