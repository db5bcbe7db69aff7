// The image's HEALTHCHECK: GET /health on the port the app serves it on. The ingress serves it
// on PORT (default 3000, as in its env schema), the console on CONSOLE_PORT (default 3001); a
// worker's only HTTP surface is its health server on METRICS_PORT, which the image sets to 9464.
const ports = {
  ingress: () => process.env.PORT ?? '3000',
  console: () => process.env.CONSOLE_PORT ?? '3001',
};
const port = ports[process.env.SARA_APP]?.() ?? process.env.METRICS_PORT ?? '9464';

try {
  // Shorter than the HEALTHCHECK timeout, so a hung app is reported unhealthy instead of timing out.
  const response = await fetch(`http://127.0.0.1:${port}/health`, { signal: AbortSignal.timeout(4_000) });
  process.exitCode = response.ok ? 0 : 1;
} catch {
  process.exitCode = 1;
}
