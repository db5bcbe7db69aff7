import { describe, expect, it } from 'vitest';
import { allSchemaEnvNames, PASSTHROUGH_ENV, readEnvExample } from './test-support/env-schemas.js';
import { readYaml, readYamlDocuments } from './test-support/repo.js';

type Secret = { kind: string; metadata: { name: string }; stringData?: Record<string, string> };

const documented = Object.keys(readEnvExample());
const compose = readYaml<{ services: Record<string, { environment?: Record<string, unknown> }> }>('docker-compose.yml');
const composeNames = new Set(Object.values(compose.services).flatMap((service) => Object.keys(service.environment ?? {})));
const configMapNames = Object.keys(readYaml<{ data: Record<string, string> }>('infra/k8s/configmap.yaml').data);
const secretNames = (readYamlDocuments('infra/k8s/secret.example.yaml') as Secret[])
  .filter((document) => document.metadata.name === 'sara-secrets')
  .flatMap((document) => Object.keys(document.stringData ?? {}));

describe('.env.example', () => {
  it('documents only variables an app reads', () => {
    const known = allSchemaEnvNames();
    expect(documented.filter((name) => !known.has(name) && !PASSTHROUGH_ENV.test(name))).toEqual([]);
  });

  it('can be set in docker-compose.yml and in Kubernetes', () => {
    const inKubernetes = new Set([...configMapNames, ...secretNames]);
    expect(documented.filter((name) => !composeNames.has(name))).toEqual([]);
    expect(documented.filter((name) => !inKubernetes.has(name))).toEqual([]);
  });

  it('leaves no name in both the Kubernetes ConfigMap and Secret', () => {
    expect(configMapNames.filter((name) => secretNames.includes(name))).toEqual([]);
  });
});
