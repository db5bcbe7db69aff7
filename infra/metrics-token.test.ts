import { describe, expect, it } from 'vitest';
import { readYaml, readYamlDocuments } from './test-support/repo.js';

type Compose = {
  services: Record<string, { environment?: Record<string, string | number>; secrets?: string[] }>;
  secrets?: Record<string, { environment?: string }>;
};
type ScrapeConfig = { job_name: string; authorization?: { type?: string; credentials_file?: string } };
type Container = { env?: { name: string; valueFrom?: { secretKeyRef?: { name: string; key: string; optional?: boolean } } }[] };

describe('the ingress /metrics token (METRICS_TOKEN)', () => {
  const compose = readYaml<Compose>('docker-compose.yml');
  const prometheus = readYaml<{ scrape_configs: ScrapeConfig[] }>('infra/prometheus/prometheus.yml');

  it('is set on the compose ingress and handed to Prometheus as the file its scrape job reads', () => {
    expect(String(compose.services.ingress?.environment?.METRICS_TOKEN)).toMatch(/^\$\{METRICS_TOKEN:\?/);
    const job = prometheus.scrape_configs.find((config) => config.job_name === 'sara-ingress');
    expect(job?.authorization?.type).toBe('Bearer');
    const [secretName] = compose.services.prometheus?.secrets ?? [];
    expect(secretName).toBeDefined();
    expect(compose.secrets?.[secretName!]?.environment).toBe('METRICS_TOKEN');
    expect(job?.authorization?.credentials_file).toBe(`/run/secrets/${secretName}`);
  });

  it('reaches the Kubernetes ingress from sara-secrets, required', () => {
    const deployment = readYamlDocuments('infra/k8s/ingress.yaml').find((document) => (document as { kind?: string }).kind === 'Deployment') as {
      spec: { template: { spec: { containers: Container[] } } };
    };
    const env = deployment.spec.template.spec.containers.flatMap((container) => container.env ?? []);
    const ref = env.find((variable) => variable.name === 'METRICS_TOKEN')?.valueFrom?.secretKeyRef;
    expect(ref).toEqual({ name: 'sara-secrets', key: 'METRICS_TOKEN' });
  });
});
