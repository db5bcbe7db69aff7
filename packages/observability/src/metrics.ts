import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/**
 * Every Sara metric, in one registry per process. Names are the contract of the Grafana
 * dashboard and alert rules in infra/: rename one and those go blind.
 */
export const registry = new Registry();

const SECONDS_FAST = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 5];
const SECONDS_SLOW = [0.05, 0.1, 0.25, 0.5, 1, 2, 3, 5, 8, 13];

export const metrics = {
  httpRequests: new Counter({
    name: 'sara_http_requests_total',
    help: 'HTTP requests by route, method and status',
    labelNames: ['route', 'method', 'status'],
    registers: [registry],
  }),
  httpDuration: new Histogram({
    name: 'sara_http_request_duration_seconds',
    help: 'HTTP request duration',
    labelNames: ['route', 'method', 'status'],
    buckets: SECONDS_FAST,
    registers: [registry],
  }),
  webhooksReceived: new Counter({
    name: 'sara_webhooks_received_total',
    help: 'Webhook events at the door: received, duplicate or rejected',
    labelNames: ['type', 'outcome'],
    registers: [registry],
  }),
  webhooksProcessed: new Counter({
    name: 'sara_webhooks_processed_total',
    help: 'Webhook events handled by the workers',
    labelNames: ['type', 'outcome'],
    registers: [registry],
  }),
  jobs: new Counter({
    name: 'sara_jobs_total',
    help: 'Jobs by queue and outcome (completed, failed, retried)',
    labelNames: ['queue', 'outcome'],
    registers: [registry],
  }),
  jobDuration: new Histogram({
    name: 'sara_job_duration_seconds',
    help: 'Job processing time',
    labelNames: ['queue'],
    buckets: SECONDS_FAST,
    registers: [registry],
  }),
  queueJobs: new Gauge({
    name: 'sara_queue_jobs',
    help: 'Jobs in each queue by state, sampled at scrape time',
    labelNames: ['queue', 'state'],
    registers: [registry],
  }),
  whatsappSendDuration: new Histogram({
    name: 'sara_whatsapp_send_duration_seconds',
    help: 'WhatsApp send call duration',
    labelNames: ['transport', 'outcome'],
    buckets: SECONDS_FAST,
    registers: [registry],
  }),
  whatsappSendErrors: new Counter({
    name: 'sara_whatsapp_send_errors_total',
    help: 'WhatsApp send errors by Graph error code',
    labelNames: ['code'],
    registers: [registry],
  }),
  messagesSent: new Counter({ name: 'sara_messages_sent_total', help: 'Messages Sara sent, by kind', labelNames: ['kind'], registers: [registry] }),
  aiRequests: new Counter({
    name: 'sara_ai_requests_total',
    help: 'AI decisions by source (openai, offline, fallback) and outcome',
    labelNames: ['source', 'outcome'],
    registers: [registry],
  }),
  aiDuration: new Histogram({
    name: 'sara_ai_request_duration_seconds',
    help: 'AI decision latency',
    labelNames: ['source'],
    buckets: SECONDS_SLOW,
    registers: [registry],
  }),
  aiTokens: new Counter({ name: 'sara_ai_tokens_total', help: 'OpenAI tokens used', registers: [registry] }),
  dbQueryDuration: new Histogram({
    name: 'sara_db_query_duration_seconds',
    help: 'Database query duration by SQL operation',
    labelNames: ['operation'],
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1],
    registers: [registry],
  }),
  activeConversations: new Gauge({
    name: 'sara_active_conversations',
    help: 'Conversations awaiting a response or active, sampled at scrape time',
    registers: [registry],
  }),
  recoverySteps: new Counter({
    name: 'sara_recovery_steps_total',
    help: 'Follow-up steps of recovery sequences: sent, deferred or skipped, by step and reason',
    labelNames: ['step', 'outcome', 'reason'],
    registers: [registry],
  }),
  retentionPurged: new Counter({
    name: 'sara_retention_purged_total',
    help: 'Rows whose texts or payloads the retention purge cleared, by table',
    labelNames: ['table'],
    registers: [registry],
  }),
  optOuts: new Counter({ name: 'sara_opt_outs_total', help: 'Buyers opted out, by reason', labelNames: ['reason'], registers: [registry] }),
  recoveredSales: new Counter({
    name: 'sara_recovered_sales_total',
    help: 'Sales recovered, by link (original, discounted)',
    labelNames: ['link'],
    registers: [registry],
  }),
  recoveredRevenue: new Counter({
    name: 'sara_recovered_revenue_brl_total',
    help: 'Revenue recovered in BRL, by link',
    labelNames: ['link'],
    registers: [registry],
  }),
};

let initialised = false;

/** Labels every series with the service and turns on Node's process metrics; once per process. */
export function initMetrics(service: string): void {
  if (initialised) return;
  initialised = true;
  registry.setDefaultLabels({ service });
  collectDefaultMetrics({ register: registry });
}

/** Runs `sample` before each scrape, for gauges read from Postgres or Redis. A failing sample keeps the last value. */
export function onScrape(sample: () => Promise<void>): void {
  scrapeHooks.push(sample);
}
const scrapeHooks: (() => Promise<void>)[] = [];

export async function renderMetrics(): Promise<{ contentType: string; body: string }> {
  await Promise.allSettled(scrapeHooks.map((hook) => hook()));
  return { contentType: registry.contentType, body: await registry.metrics() };
}
