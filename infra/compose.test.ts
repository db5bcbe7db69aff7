import { describe, expect, it } from 'vitest';
import { findStage, parseDockerfile } from './test-support/dockerfile.js';
import {
  APP_ENV_SCHEMAS,
  APPS,
  HTTP_APPS,
  MIGRATE_ENV_SCHEMA,
  PASSTHROUGH_ENV,
  WORKERS,
  envNames,
  parseWithSchema,
  portVariable,
  schemaDefault,
} from './test-support/env-schemas.js';
import { readJson, readText, readYaml } from './test-support/repo.js';

type Service = {
  image?: string;
  build?: { context?: string; dockerfile?: string; target?: string; args?: Record<string, string> };
  command?: string[];
  entrypoint?: string[];
  environment?: Record<string, string | number>;
  ports?: string[];
  container_name?: string;
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] };
  profiles?: string[];
  volumes?: string[];
};

const compose = readYaml<{ services: Record<string, Service> }>('docker-compose.yml');
const services = compose.services;
const environment = (service: string) => Object.fromEntries(Object.entries(services[service]?.environment ?? {}).map(([key, value]) => [key, String(value)]));

/** `${NAME:-default}` → default, `${NAME:?message}` → a stand-in secret: what compose would pass. */
function interpolate(value: string): string {
  return value.replace(/\$\{(\w+)(?::([-?])([^}]*))?\}/g, (_match, _name: string, kind?: string, rest?: string) =>
    kind === '-' ? (rest ?? '') : 'stand-in-secret-long-enough-for-every-schema',
  );
}

describe('docker-compose.yml', () => {
  it('builds each app from the Dockerfile with its APP, and the migrator from the migrate target', () => {
    const dockerfile = parseDockerfile(readText('Dockerfile'));
    for (const app of APPS) {
      expect(services[app]?.build, app).toMatchObject({ context: '.', dockerfile: 'Dockerfile', args: { APP: app } });
      expect(services[app]?.build?.target, app).toBeUndefined();
    }
    expect(services.migrate?.build).toMatchObject({ context: '.', dockerfile: 'Dockerfile', target: 'migrate' });
    expect(() => findStage(dockerfile, 'migrate')).not.toThrow();
  });

  it('starts the apps once Postgres and Redis are healthy and the migration has succeeded', () => {
    expect(services.postgres?.healthcheck?.test).toContain('pg_isready');
    expect(services.redis?.healthcheck?.test).toContain('redis-cli');
    expect(services.migrate?.depends_on).toEqual({ postgres: { condition: 'service_healthy' } });
    for (const app of APPS) {
      expect(services[app]?.depends_on, app).toEqual({
        postgres: { condition: 'service_healthy' },
        redis: { condition: 'service_healthy' },
        migrate: { condition: 'service_completed_successfully' },
      });
    }
  });

  it('publishes no fixed host port for a worker, so `--scale` works', () => {
    for (const worker of WORKERS) {
      expect(services[worker]?.ports, worker).toBeUndefined();
      expect(services[worker]?.container_name, worker).toBeUndefined();
    }
    // The ingress and the console publish the port they listen on, on the loopback only.
    for (const app of HTTP_APPS) {
      const [published] = services[app]?.ports ?? [];
      expect(published?.split(':').at(-1), app).toBe(environment(app)[portVariable(app)]);
      expect(published, app).toMatch(/^127\.0\.0\.1:/);
    }
  });

  it('publishes each host port once, so Grafana and the console never collide', () => {
    const hostPorts = Object.values(services).flatMap((service) => (service.ports ?? []).map((port) => port.split(':').slice(0, -1).join(':')));
    expect(hostPorts.length).toBeGreaterThan(2);
    expect(new Set(hostPorts).size).toBe(hostPorts.length);
  });

  it('runs Redis with AOF and noeviction, and PostgreSQL 15', () => {
    const command = services.redis?.command ?? [];
    expect(services.redis?.image).toMatch(/^redis:7\b/);
    expect(command[command.indexOf('--appendonly') + 1]).toBe('yes');
    expect(command[command.indexOf('--maxmemory-policy') + 1]).toBe('noeviction');
    expect(services.postgres?.image).toMatch(/^postgres:15\b/);
  });

  it('gives each app only variables its env schema reads', () => {
    for (const app of APPS) {
      const known = new Set(envNames(APP_ENV_SCHEMAS[app]));
      const unknown = Object.keys(environment(app)).filter((name) => !known.has(name) && !PASSTHROUGH_ENV.test(name));
      expect(unknown, app).toEqual([]);
    }
    const migrateKnown = new Set(envNames(MIGRATE_ENV_SCHEMA));
    expect(Object.keys(environment('migrate')).filter((name) => !migrateKnown.has(name))).toEqual([]);
  });

  it('gives each app an environment its schema accepts', () => {
    for (const app of APPS) {
      const env = Object.fromEntries(Object.entries(environment(app)).map(([name, value]) => [name, interpolate(value)]));
      const result = APP_ENV_SCHEMAS[app].safeParse(env);
      expect(result.success ? [] : result.error.issues, app).toEqual([]);
    }
    expect(
      MIGRATE_ENV_SCHEMA.safeParse(Object.fromEntries(Object.entries(environment('migrate')).map(([name, value]) => [name, interpolate(value)]))).success,
    ).toBe(true);
  });

  it("falls back to the schemas' own defaults", () => {
    for (const app of APPS) {
      for (const [name, value] of Object.entries(environment(app))) {
        const fallback = new RegExp(`^\\$\\{${name}:-([^}]*)\\}$`).exec(value)?.[1];
        if (fallback === undefined || schemaDefault(APP_ENV_SCHEMAS[app], name) === undefined) continue;
        expect(parseWithSchema(APP_ENV_SCHEMAS[app], name, fallback), `${app} ${name}`).toEqual(schemaDefault(APP_ENV_SCHEMAS[app], name));
      }
    }
  });

  it('requires the secrets instead of defaulting them', () => {
    for (const name of ['PAYMENT_WEBHOOK_SECRET', 'WHATSAPP_APP_SECRET', 'WHATSAPP_VERIFY_TOKEN', 'ADMIN_API_KEY']) {
      expect(environment('ingress')[name], name).toMatch(new RegExp(`^\\$\\{${name}:\\?.+\\}$`));
    }
    expect(environment('console').CONSOLE_SESSION_SECRET).toMatch(/^\$\{CONSOLE_SESSION_SECRET:\?.+\}$/);
  });

  it('connects every app to the compose Postgres and Redis', () => {
    const postgres = environment('postgres');
    for (const service of [...APPS, 'migrate']) {
      const database = new URL(interpolate(environment(service).DATABASE_URL ?? ''));
      expect(database.hostname, service).toBe('postgres');
      expect(database.pathname, service).toBe(`/${postgres.POSTGRES_DB}`);
      expect(database.password, service).toBe(interpolate(postgres.POSTGRES_PASSWORD ?? ''));
    }
    for (const app of APPS) {
      expect(new URL(environment(app).REDIS_URL ?? '').hostname, app).toBe('redis');
    }
  });

  it('runs `pnpm sara` on the database of the stack from the build stage, on demand, for console accounts', () => {
    const cli = services.cli;
    expect(cli?.build).toMatchObject({ context: '.', dockerfile: 'Dockerfile', target: 'workspace' });
    expect(() => findStage(parseDockerfile(readText('Dockerfile')), 'workspace')).not.toThrow();
    expect(cli?.profiles).toEqual(['tools']);
    expect(cli?.entrypoint).toEqual(['pnpm', '--silent', 'sara']);
    expect(readJson<{ scripts: Record<string, string> }>('package.json').scripts.sara).toMatch(/scripts\/sara\/cli\.ts$/);
    expect(environment('cli').DATABASE_URL).toBe(environment('migrate').DATABASE_URL);
    // The URL `sara user ensure-admin` prints is the console's published one.
    expect(environment('cli').CONSOLE_PORT).toBe(environment('console').CONSOLE_PORT);
    expect(cli?.depends_on).toEqual({ migrate: { condition: 'service_completed_successfully' } });
  });

  it('gives workers the METRICS_PORT the image healthcheck probes', () => {
    const imageMetricsPort = /METRICS_PORT=(\d+)/.exec(readText('Dockerfile'))?.[1];
    for (const worker of WORKERS) {
      expect(environment(worker).METRICS_PORT, worker).toBe(imageMetricsPort);
    }
  });
});
