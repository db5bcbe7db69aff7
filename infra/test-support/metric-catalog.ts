/**
 * The metrics the Grafana dashboard and the Prometheus alert rules in infra/ are allowed to
 * query: the contract between those files and packages/observability/src/metrics.ts. A name
 * used in infra/ but missing here fails infra/observability.test.ts; a name here that the apps
 * stop exporting leaves a panel or an alert silently blind, so check the registry against it.
 *
 * `labels` maps each label to the values queries may match on, or null when the set is open
 * (routes, Graph error codes, ...). Every series also carries `service` (SERVICES), set by
 * initMetrics() as a default label.
 */
export type MetricType = 'counter' | 'gauge' | 'histogram';
export type MetricSpec = {
  /** As registered in prom-client; a histogram is queried as `<name>_bucket`. */
  name: string;
  type: MetricType;
  labels: Record<string, readonly string[] | null>;
};

export const SERVICES = ['ingress', 'worker-abandonment', 'worker-conversation', 'worker-payment'] as const;

const QUEUE_NAMES = ['abandonment-received', 'payment-received', 'whatsapp-inbound', 'whatsapp-outbound'] as const;
const AI_SOURCES = ['openai', 'offline', 'fallback'] as const;
const RECOVERY_LINKS = ['original', 'discounted'] as const;

export const METRIC_CATALOG: readonly MetricSpec[] = [
  { name: 'sara_http_requests_total', type: 'counter', labels: { route: null, method: null, status: null } },
  { name: 'sara_http_request_duration_seconds', type: 'histogram', labels: { route: null, method: null, status: null } },
  { name: 'sara_webhooks_received_total', type: 'counter', labels: { type: null, outcome: ['received', 'duplicate', 'rejected'] } },
  { name: 'sara_webhooks_processed_total', type: 'counter', labels: { type: null, outcome: ['processed', 'failed', 'skipped'] } },
  { name: 'sara_jobs_total', type: 'counter', labels: { queue: QUEUE_NAMES, outcome: ['completed', 'failed', 'retried'] } },
  { name: 'sara_job_duration_seconds', type: 'histogram', labels: { queue: QUEUE_NAMES } },
  // Sampled by the ingress at scrape time, so every ingress replica reports the same numbers:
  // aggregate with max, never sum.
  { name: 'sara_queue_jobs', type: 'gauge', labels: { queue: QUEUE_NAMES, state: ['waiting', 'active', 'delayed', 'failed'] } },
  { name: 'sara_whatsapp_send_duration_seconds', type: 'histogram', labels: { transport: ['graph', 'sandbox'], outcome: ['sent', 'error'] } },
  { name: 'sara_whatsapp_send_errors_total', type: 'counter', labels: { code: null } },
  { name: 'sara_messages_sent_total', type: 'counter', labels: { kind: ['template', 'text', 'interactive'] } },
  { name: 'sara_ai_requests_total', type: 'counter', labels: { source: AI_SOURCES, outcome: null } },
  { name: 'sara_ai_request_duration_seconds', type: 'histogram', labels: { source: AI_SOURCES } },
  { name: 'sara_ai_tokens_total', type: 'counter', labels: {} },
  { name: 'sara_db_query_duration_seconds', type: 'histogram', labels: { operation: null } },
  // Also sampled by the ingress: max, never sum.
  { name: 'sara_active_conversations', type: 'gauge', labels: {} },
  { name: 'sara_retention_purged_total', type: 'counter', labels: { table: ['messages', 'webhooks_log'] } },
  { name: 'sara_opt_outs_total', type: 'counter', labels: { reason: null } },
  // Each follow-up step's fate; reason is open (why a step was deferred or skipped, `none` when sent).
  { name: 'sara_recovery_steps_total', type: 'counter', labels: { step: null, outcome: ['sent', 'deferred', 'skipped'], reason: null } },
  { name: 'sara_recovered_sales_total', type: 'counter', labels: { link: RECOVERY_LINKS } },
  { name: 'sara_recovered_revenue_brl_total', type: 'counter', labels: { link: RECOVERY_LINKS } },
  // prom-client's collectDefaultMetrics().
  { name: 'process_resident_memory_bytes', type: 'gauge', labels: {} },
  { name: 'nodejs_eventloop_lag_p99_seconds', type: 'gauge', labels: {} },
];

/** Every series name infra/ may query, exactly as Prometheus stores it. */
export const METRIC_SERIES: readonly string[] = METRIC_CATALOG.map((metric) => (metric.type === 'histogram' ? `${metric.name}_bucket` : metric.name));

/** Labels a query may use on top of a metric's own: the default label and Prometheus' own. */
export const COMMON_LABELS = ['service', 'job', 'instance'] as const;

export function findMetric(series: string): MetricSpec | undefined {
  return METRIC_CATALOG.find((metric) => (metric.type === 'histogram' ? series === `${metric.name}_bucket` : series === metric.name));
}

/** The labels a series carries: its own, the common ones, and `le` on histogram buckets. */
export function labelsOf(series: string): Record<string, readonly string[] | null> {
  const metric = findMetric(series);
  if (!metric) return {};
  return {
    ...metric.labels,
    service: SERVICES,
    job: null,
    instance: null,
    ...(metric.type === 'histogram' ? { le: null } : {}),
  };
}
