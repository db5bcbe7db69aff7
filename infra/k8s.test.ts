import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  APP_ENV_SCHEMAS,
  APPS,
  HTTP_APPS,
  MIGRATE_ENV_SCHEMA,
  PASSTHROUGH_ENV,
  SCRAPED_APPS,
  WORKERS,
  envNames,
  portVariable,
} from './test-support/env-schemas.js';
import { configMap, container, deployment, find, K8S, manifests, podSpec, resolvePort, secret, type Manifest } from './test-support/k8s.js';
import { readYaml, sourceOf } from './test-support/repo.js';
import { serves } from './test-support/routes.js';

/** The Secret template as an operator fills it in: every change-me placeholder replaced. */
const filledSecret = Object.fromEntries(Object.entries(secret).map(([key, value]) => [key, value.replace(/change-me/g, 'filled-in-by-the-operator')]));

/** The environment a pod starts with: the ConfigMap, then its own env entries, secrets resolved from `secrets`. */
function podEnvironment(workload: Manifest, secrets: Record<string, string> = filledSecret): Record<string, string> {
  const env: Record<string, string> = {};
  for (const source of container(workload).envFrom ?? []) {
    expect(source.configMapRef?.name).toBe('sara-config');
    Object.assign(env, configMap);
  }
  for (const entry of container(workload).env ?? []) {
    const ref = entry.valueFrom?.secretKeyRef;
    if (ref) {
      expect(ref.name, entry.name).toBe('sara-secrets');
      expect(Object.keys(secrets), entry.name).toContain(ref.key);
      env[entry.name] = secrets[ref.key]!;
    } else {
      env[entry.name] = String(entry.value);
    }
  }
  return env;
}

describe('infra/k8s', () => {
  it('is namespace-agnostic', () => {
    expect(manifests.length).toBeGreaterThan(0);
    expect(manifests.filter((each) => each.metadata.namespace !== undefined).map((each) => each.file)).toEqual([]);
  });

  it('writes strings wherever Kubernetes and KEDA only accept strings', () => {
    const nonStrings = (where: string, map: Record<string, unknown> | undefined) =>
      Object.entries(map ?? {})
        .filter(([, value]) => typeof value !== 'string')
        .map(([key]) => `${where}: ${key}`);
    const found = manifests.flatMap((each) => [
      ...nonStrings(`${each.file} data`, each.data),
      ...nonStrings(`${each.file} stringData`, each.stringData),
      ...nonStrings(`${each.file} labels`, each.metadata.labels),
      ...nonStrings(`${each.file} annotations`, each.metadata.annotations),
      ...nonStrings(`${each.file} pod labels`, each.spec?.template?.metadata?.labels),
      ...nonStrings(`${each.file} pod annotations`, each.spec?.template?.metadata?.annotations),
      ...(each.spec?.triggers ?? []).flatMap((trigger: { metadata: Record<string, unknown> }) => nonStrings(`${each.file} trigger`, trigger.metadata)),
    ]);
    expect(found).toEqual([]);
  });

  it('lists every manifest in a kustomization, except the secret template', () => {
    const listed = ['kustomization.yaml', 'migrate/kustomization.yaml'].flatMap((path) => {
      const kustomization = readYaml<{ resources: string[] }>(join(K8S, path));
      return kustomization.resources.map((resource) => join(K8S, dirname(path), resource));
    });
    const files = [...new Set(manifests.map((each) => each.file))];
    expect(files.filter((file) => !listed.includes(file))).toEqual([join(K8S, 'secret.example.yaml')]);
    expect(listed.filter((file) => !files.includes(file))).toEqual([]);
  });

  it('runs one Deployment per app, from its own image, with resource requests and limits', () => {
    const images = readYaml<{ images: { name: string }[] }>(join(K8S, 'kustomization.yaml')).images.map((each) => each.name);
    for (const app of APPS) {
      const workload = deployment(app);
      expect(container(workload).image, app).toBe(`sara-${app}`);
      expect(images, app).toContain(`sara-${app}`);
      // An autoscaler owns the replica count, and a fixed one would fight it on every apply;
      // the console has no autoscaler, and two replicas so a drain never takes it away.
      if (app === 'console') expect(workload.spec.replicas).toBeGreaterThanOrEqual(2);
      else expect(workload.spec.replicas, app).toBeUndefined();
      for (const kind of ['requests', 'limits']) {
        expect(container(workload).resources?.[kind], `${app} ${kind}`).toMatchObject({ cpu: expect.anything(), memory: expect.anything() });
      }
      expect(workload.spec.template.metadata.labels, app).toMatchObject(workload.spec.selector.matchLabels);
    }
    const migrateImages = readYaml<{ images: { name: string }[] }>(join(K8S, 'migrate/kustomization.yaml')).images.map((each) => each.name);
    expect(migrateImages).toContain(container(find('Job', 'sara-migrate')).image);
  });

  it('runs every pod as a non-root user with a read-only root filesystem', () => {
    for (const workload of [...APPS.map(deployment), find('Job', 'sara-migrate')]) {
      const name = workload.metadata.name;
      expect(podSpec(workload).securityContext, name).toMatchObject({ runAsNonRoot: true });
      expect(podSpec(workload).securityContext.runAsUser, name).toBeGreaterThan(0);
      expect(container(workload).securityContext, name).toMatchObject({
        allowPrivilegeEscalation: false,
        readOnlyRootFilesystem: true,
        capabilities: { drop: ['ALL'] },
      });
    }
  });

  it('probes /ready and /health, routes the app serves, on the port it listens on', () => {
    for (const app of APPS) {
      const workload = deployment(app);
      const probes = { readinessProbe: '/ready', livenessProbe: '/health', startupProbe: '/health' };
      for (const [probe, path] of Object.entries(probes)) {
        const httpGet = container(workload)[probe]?.httpGet;
        expect(httpGet?.path, `${app} ${probe}`).toBe(path);
        expect(resolvePort(workload, httpGet.port), `${app} ${probe}`).toBe(Number(configMap[portVariable(app)]));
        expect(serves(app, path), `${app} serves ${path}`).toBe(true);
      }
    }
  });

  it('lets Prometheus scrape /metrics on the port each app serves it on', () => {
    for (const app of SCRAPED_APPS) {
      const annotations = deployment(app).spec.template.metadata.annotations;
      expect(annotations['prometheus.io/scrape'], app).toBe('true');
      expect(Number(annotations['prometheus.io/port']), app).toBe(Number(configMap[portVariable(app)]));
      expect(resolvePort(deployment(app), Number(annotations['prometheus.io/port'])), app).toBeDefined();
      expect(annotations['prometheus.io/path'], app).toBe('/metrics');
      expect(serves(app, '/metrics'), `${app} serves /metrics`).toBe(true);
    }
  });

  it('only sets variables some app reads, and gives each pod only secrets its app reads', () => {
    const everyName = new Set(Object.values(APP_ENV_SCHEMAS).flatMap(envNames));
    expect(Object.keys(configMap).filter((name) => !everyName.has(name) && !PASSTHROUGH_ENV.test(name))).toEqual([]);
    expect(Object.keys(secret).filter((name) => !everyName.has(name) && !PASSTHROUGH_ENV.test(name))).toEqual([]);
    for (const app of APPS) {
      const own = new Set(envNames(APP_ENV_SCHEMAS[app]));
      const names = (container(deployment(app)).env ?? []).map((entry: { name: string }) => entry.name);
      expect(
        names.filter((name: string) => !own.has(name) && !PASSTHROUGH_ENV.test(name)),
        app,
      ).toEqual([]);
    }
    const migrateNames = (container(find('Job', 'sara-migrate')).env ?? []).map((entry: { name: string }) => entry.name);
    expect(migrateNames).toEqual(envNames(MIGRATE_ENV_SCHEMA));
  });

  it("starts every pod with an environment its app's schema accepts, once the Secret is filled in", () => {
    for (const app of APPS) {
      const result = APP_ENV_SCHEMAS[app].safeParse(podEnvironment(deployment(app)));
      expect(result.success ? [] : result.error.issues, app).toEqual([]);
    }
    expect(MIGRATE_ENV_SCHEMA.safeParse(podEnvironment(find('Job', 'sara-migrate'))).success).toBe(true);
  });

  it("refuses to start the ingress or the console with the Secret template's placeholders", () => {
    const placeholders = Object.keys(secret).filter((key) => /change-me/.test(secret[key]!) && !key.endsWith('_URL'));
    expect(placeholders.length).toBeGreaterThan(0);
    expect(placeholders).toContain('CONSOLE_SESSION_SECRET');
    for (const app of HTTP_APPS) {
      const result = APP_ENV_SCHEMAS[app].safeParse(podEnvironment(deployment(app), secret));
      const refused = result.success ? [] : result.error.issues.map((issue) => (issue as { path: string[] }).path[0]);
      for (const key of placeholders.filter((each) => Object.keys(APP_ENV_SCHEMAS[app].shape).includes(each))) {
        expect(refused, `${app} ${key}`).toContain(key);
      }
    }
  });

  it('reads SENTRY_* variables that packages/observability really reads', () => {
    const observability = sourceOf('packages/observability/src');
    const sentryNames = [...Object.keys(secret), ...Object.keys(configMap)].filter((name) => name.startsWith('SENTRY_'));
    for (const name of sentryNames) expect(observability, name).toContain(name);
  });

  it('puts the ingress behind a Service, a CPU autoscaler and a disruption budget', () => {
    const workload = deployment('ingress');
    const podLabels = workload.spec.template.metadata.labels;
    const service = find('Service', 'sara-ingress');
    expect(podLabels).toMatchObject(service.spec.selector);
    for (const port of service.spec.ports) expect(resolvePort(workload, port.targetPort)).toBe(Number(configMap.PORT));

    const hpa = find('HorizontalPodAutoscaler', 'sara-ingress');
    expect(hpa.spec.scaleTargetRef).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name: workload.metadata.name });
    expect(hpa.spec.metrics).toContainEqual(expect.objectContaining({ type: 'Resource', resource: expect.objectContaining({ name: 'cpu' }) }));

    const pdb = find('PodDisruptionBudget', 'sara-ingress');
    expect(podLabels).toMatchObject(pdb.spec.selector.matchLabels);
    // A drain or rollout never takes the last ingress away.
    expect(hpa.spec.minReplicas - pdb.spec.maxUnavailable).toBeGreaterThanOrEqual(1);
  });

  it('puts the console behind a Service on CONSOLE_PORT and a disruption budget, and publishes it on its own HTTPS host', () => {
    const workload = deployment('console');
    const podLabels = workload.spec.template.metadata.labels;
    const service = find('Service', 'sara-console');
    expect(podLabels).toMatchObject(service.spec.selector);
    for (const port of service.spec.ports) {
      expect(port.port).toBe(Number(configMap.CONSOLE_PORT));
      expect(resolvePort(workload, port.targetPort)).toBe(Number(configMap.CONSOLE_PORT));
    }

    const pdb = find('PodDisruptionBudget', 'sara-console');
    expect(podLabels).toMatchObject(pdb.spec.selector.matchLabels);
    expect(workload.spec.replicas - pdb.spec.maxUnavailable).toBeGreaterThanOrEqual(1);

    // Every path of its host goes to the console's Service, by a port that Service has, over TLS.
    const ingress = find('Ingress', 'sara-console');
    const tlsHosts = ingress.spec.tls.flatMap((tls: { hosts: string[] }) => tls.hosts);
    expect(ingress.spec.rules.length).toBeGreaterThan(0);
    for (const rule of ingress.spec.rules) {
      expect(rule.host).toMatch(/^console\./);
      expect(tlsHosts).toContain(rule.host);
      for (const path of rule.http.paths) {
        expect(path).toMatchObject({ path: '/', pathType: 'Prefix' });
        expect(path.backend.service.name).toBe(service.metadata.name);
        expect(service.spec.ports.map((port: { name: string }) => port.name)).toContain(path.backend.service.port.name);
      }
    }
  });

  it("selects the workers' metrics port from the headless metrics Service", () => {
    const service = find('Service', 'sara-workers-metrics');
    expect(service.spec.clusterIP).toBe('None');
    for (const worker of WORKERS) {
      expect(deployment(worker).spec.template.metadata.labels, worker).toMatchObject(service.spec.selector);
      for (const port of service.spec.ports) expect(resolvePort(deployment(worker), port.targetPort), worker).toBe(Number(configMap.METRICS_PORT));
    }
    for (const app of HTTP_APPS) expect(deployment(app).spec.template.metadata.labels, app).not.toMatchObject(service.spec.selector);
  });
});
