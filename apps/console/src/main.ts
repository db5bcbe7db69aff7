import { loadDotEnv } from '@sara/config';
import { startTracing } from '@sara/observability';

// Tracing must patch http, pg and fetch before the app imports them, hence the dynamic import;
// .env first, since it may hold the OTEL_* variables.
loadDotEnv();
startTracing('console');
await import('./run.js');
