import { HTTP_APPS, type App } from './env-schemas.js';
import { exists, readText, sourceOf } from './repo.js';

const getRoute = (path: string) => new RegExp(`\\.get\\(\\s*['"]${path.replace(/[/]/g, '\\/')}['"]`);

/**
 * Whether an app answers GET `path`: an Express route of the ingress or the console, its own or
 * from @sara/http's shared healthRoutes(); for a worker, a path of the health server it starts.
 */
export function serves(app: App, path: string): boolean {
  if ((HTTP_APPS as readonly App[]).includes(app)) {
    const source = sourceOf(`apps/${app}/src`);
    if (getRoute(path).test(source)) return true;
    const shared = 'packages/http/src/health.routes.ts';
    return /\bhealthRoutes\(/.test(source) && exists(shared) && getRoute(path).test(readText(shared));
  }
  return (
    new RegExp(`['"]${path.replace(/[/]/g, '\\/')}['"]`).test(readText('packages/observability/src/health-server.ts')) &&
    /startHealthServer\(\s*env\.METRICS_PORT/.test(readText('packages/runtime/src/boot-worker.ts'))
  );
}
