import { initMetrics, registry } from '@sara/observability';
import { describe, expect, it } from 'vitest';
import { SCRAPED_APPS } from './test-support/env-schemas.js';
import { COMMON_LABELS, labelsOf, METRIC_CATALOG, METRIC_SERIES, SERVICES } from './test-support/metric-catalog.js';
import { aggregationsOf, groupingLabels, isBalanced, literalAlternatives, metricNames, selectors } from './test-support/promql.js';
import { exists, readJson, readYaml } from './test-support/repo.js';

type Panel = {
  id: number;
  type: string;
  title: string;
  gridPos: { x: number; y: number; w: number; h: number };
  targets?: { expr: string; refId: string }[];
  datasource?: { uid: string };
};
type Dashboard = {
  uid: string;
  title: string;
  schemaVersion: number;
  panels: Panel[];
  templating: { list: { name: string; type: string; query: string | { query: string } }[] };
};
type Rule = { alert?: string; record?: string; expr: string; for?: string; labels?: Record<string, string>; annotations?: Record<string, string> };

const dashboard = readJson<Dashboard>('infra/grafana/sara-dashboard.json');
const alertRules = readYaml<{ groups: { name: string; rules: Rule[] }[] }>('infra/prometheus/alerts.yml').groups.flatMap((group) => group.rules);

const dashboardQueries = [
  ...dashboard.panels.flatMap((panel) => (panel.targets ?? []).map((target) => ({ where: `panel "${panel.title}"`, expr: target.expr }))),
  ...dashboard.templating.list
    .filter((variable) => variable.type === 'query')
    .map((variable) => ({ where: `variable $${variable.name}`, expr: typeof variable.query === 'string' ? variable.query : variable.query.query })),
];
const alertQueries = alertRules.map((rule) => ({ where: `alert ${rule.alert}`, expr: rule.expr }));

/** Every way a query can name something the apps do not export, as readable messages. */
function problemsIn(where: string, expr: string): string[] {
  const problems: string[] = [];
  if (!isBalanced(expr)) problems.push(`${where}: unbalanced brackets or quotes`);
  // label_values(metric, label) is Grafana's, not PromQL: check the metric and the label.
  const labelValues = /^label_values\((\w+),\s*(\w+)\)$/.exec(expr.trim());
  const names = labelValues ? [labelValues[1]!] : metricNames(expr);
  for (const name of names) {
    if (!METRIC_SERIES.includes(name)) problems.push(`${where}: ${name} is not in the metric catalog`);
  }
  const available = new Set(names.flatMap((name) => Object.keys(labelsOf(name))));
  for (const label of labelValues ? [labelValues[2]!] : groupingLabels(expr)) {
    if (!available.has(label)) problems.push(`${where}: no series here has the label ${label}`);
  }
  for (const selector of selectors(expr)) {
    const labels = labelsOf(selector.metric);
    for (const matcher of selector.matchers) {
      if (!(matcher.label in labels)) {
        problems.push(`${where}: ${selector.metric} has no label ${matcher.label}`);
        continue;
      }
      const known = labels[matcher.label];
      const values = literalAlternatives(matcher);
      for (const value of known && values ? values : []) {
        if (!known!.includes(value)) problems.push(`${where}: ${selector.metric}{${matcher.label}} is never "${value}"`);
      }
    }
  }
  return problems;
}

describe('metric catalog', () => {
  it('names each series once and labels every service', () => {
    expect(new Set(METRIC_SERIES).size).toBe(METRIC_SERIES.length);
    expect([...SERVICES].sort()).toEqual([...SCRAPED_APPS].sort());
    for (const metric of METRIC_CATALOG) {
      expect(
        Object.keys(metric.labels).filter((label) => (COMMON_LABELS as readonly string[]).includes(label)),
        metric.name,
      ).toEqual([]);
    }
  });

  it('matches what packages/observability registers', async () => {
    initMetrics('infra-test');
    const registered = await registry.getMetricsAsJSON();
    for (const metric of METRIC_CATALOG) {
      const found = registered.find((each) => each.name === metric.name);
      expect(found, metric.name).toBeDefined();
      expect(found?.type, metric.name).toBe(metric.type);
      if (metric.name.startsWith('sara_')) {
        const labelNames = (registry.getSingleMetric(metric.name) as unknown as { labelNames: string[] }).labelNames;
        expect([...labelNames].sort(), metric.name).toEqual(Object.keys(metric.labels).sort());
      }
    }
  });
});

describe('infra/grafana/sara-dashboard.json', () => {
  it('is a Grafana dashboard with unique panel ids on the 24-column grid', () => {
    expect(dashboard).toMatchObject({ uid: expect.any(String), title: expect.any(String), schemaVersion: expect.any(Number) });
    const ids = dashboard.panels.map((panel) => panel.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const panel of dashboard.panels) {
      expect(panel.gridPos.x + panel.gridPos.w, panel.title).toBeLessThanOrEqual(24);
      if (panel.type === 'row') continue;
      expect(panel.datasource?.uid, panel.title).toBe('${datasource}');
      expect(panel.targets?.length, panel.title).toBeGreaterThan(0);
    }
    expect(dashboard.templating.list.find((variable) => variable.name === 'datasource')).toMatchObject({ type: 'datasource', query: 'prometheus' });
  });

  it('queries only catalogued series, labels and label values', () => {
    expect(dashboardQueries.flatMap(({ where, expr }) => problemsIn(where, expr))).toEqual([]);
  });

  it('shows every catalogued series', () => {
    const used = new Set(dashboardQueries.flatMap(({ expr }) => metricNames(expr)));
    expect(METRIC_SERIES.filter((series) => !used.has(series))).toEqual([]);
  });

  it('aggregates the ingress-sampled gauges with max, never sum', () => {
    const gauges = ['sara_queue_jobs', 'sara_active_conversations'];
    const uses = [...dashboardQueries, ...alertQueries].flatMap(({ where, expr }) =>
      gauges.flatMap((gauge) => aggregationsOf(expr, gauge).map((operator) => `${where}: ${operator}(${gauge})`)),
    );
    expect(uses.length).toBeGreaterThan(0);
    expect(uses.filter((use) => !/: max\(/.test(use))).toEqual([]);
  });
});

describe('infra/prometheus/alerts.yml', () => {
  it('gives every rule a unique name, a severity and a summary', () => {
    const names = alertRules.map((rule) => rule.alert);
    expect(new Set(names).size).toBe(names.length);
    for (const rule of alertRules) {
      expect(rule.alert, rule.expr).toMatch(/^Sara[A-Za-z]+$/);
      expect(['critical', 'warning'], rule.alert).toContain(rule.labels?.severity);
      expect(rule.annotations?.summary, rule.alert).toBeTruthy();
    }
  });

  it('queries only catalogued series, labels and label values', () => {
    expect(alertQueries.flatMap(({ where, expr }) => problemsIn(where, expr))).toEqual([]);
  });

  // The design's thresholds.
  const compact = (expr: string) => expr.replace(/\s+/g, ' ').trim();
  const ruleFor = (metric: string) => alertRules.filter((rule) => rule.expr.includes(metric)).map((rule) => compact(rule.expr));

  it('alerts when the HTTP p95 exceeds 2 s', () => {
    expect(ruleFor('sara_http_request_duration_seconds_bucket')).toContainEqual(expect.stringMatching(/^histogram_quantile\(0\.95,.*\) > 2$/));
  });

  it('alerts when more than 0.1 % of requests answer 5xx', () => {
    expect(ruleFor('sara_http_requests_total')).toContainEqual(
      expect.stringMatching(
        /^sum\(rate\(sara_http_requests_total\{[^}]*status=~"5\.\."[^}]*\}\[\w+\]\)\) \/ sum\(rate\(sara_http_requests_total\{[^}]*\}\[\w+\]\)\) > 0\.001$/,
      ),
    );
  });

  it('alerts when the OpenAI p95 exceeds 5 s', () => {
    expect(ruleFor('sara_ai_request_duration_seconds_bucket')).toContainEqual(
      expect.stringMatching(/^histogram_quantile\(0\.95,.*source=~?"[^"]*openai[^"]*".*\) > 5$/),
    );
  });

  it('alerts when a service stops being scraped', () => {
    for (const service of SERVICES) {
      expect(
        alertRules.map((rule) => compact(rule.expr)),
        service,
      ).toContain(`absent(process_resident_memory_bytes{service="${service}"})`);
    }
  });
});

describe('local Prometheus and Grafana (docker compose --profile observability)', () => {
  type Compose = { services: Record<string, { environment?: Record<string, string | number>; volumes?: string[]; profiles?: string[] }> };
  const compose = readYaml<Compose>('docker-compose.yml');
  const prometheus = readYaml<{ rule_files: string[]; scrape_configs: { dns_sd_configs: { names: string[]; port: number }[] }[] }>(
    'infra/prometheus/prometheus.yml',
  );

  it('loads the alert rules and scrapes every app service on its metrics port', () => {
    for (const file of prometheus.rule_files) expect(exists(`infra/prometheus/${file}`), file).toBe(true);
    expect(prometheus.rule_files).toContain('alerts.yml');
    const targets = prometheus.scrape_configs.flatMap((config) => config.dns_sd_configs.flatMap((sd) => sd.names.map((name) => [name, sd.port] as const)));
    expect(targets.map(([name]) => name).sort()).toEqual([...SCRAPED_APPS].sort());
    for (const [name, port] of targets) {
      const env = compose.services[name]?.environment ?? {};
      expect(String(port), name).toBe(String(name === 'ingress' ? env.PORT : env.METRICS_PORT));
    }
    expect(compose.services.prometheus?.volumes).toContain('./infra/prometheus:/etc/prometheus:ro');
  });

  it('provisions the dashboard file from the path compose mounts it at', () => {
    const provider = readYaml<{ providers: { options: { path: string } }[] }>('infra/grafana/provisioning/dashboards/sara.yml').providers[0]!;
    const mount = compose.services.grafana?.volumes?.find((volume) => volume.startsWith('./infra/grafana/sara-dashboard.json:'));
    expect(mount?.split(':')[1]).toBe(`${provider.options.path}/sara-dashboard.json`);
    expect(compose.services.grafana?.profiles).toEqual(['observability']);
    expect(compose.services.prometheus?.profiles).toEqual(['observability']);
  });
});
