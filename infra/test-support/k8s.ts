import { basename } from 'node:path';
import type { App } from './env-schemas.js';
import { listFiles, readYamlDocuments } from './repo.js';

// Manifests are walked field by field; typing every Kubernetes kind would add nothing here.
export type Manifest = {
  file: string;
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  [field: string]: any;
};

export const K8S = 'infra/k8s';

/** Every object of every manifest under infra/k8s (kustomization files aside). */
export const manifests: Manifest[] = listFiles(K8S, (path) => /\.ya?ml$/.test(path) && basename(path) !== 'kustomization.yaml').flatMap((file) =>
  readYamlDocuments(file).map((document) => ({ file, ...(document as object) }) as Manifest),
);

export function find(kind: string, name: string): Manifest {
  const found = manifests.find((each) => each.kind === kind && each.metadata.name === name);
  if (!found) throw new Error(`no ${kind} ${name} in ${K8S}`);
  return found;
}

export const configMap = find('ConfigMap', 'sara-config').data as Record<string, string>;
export const secret = find('Secret', 'sara-secrets').stringData as Record<string, string>;
export const deployment = (app: App) => find('Deployment', `sara-${app}`);
export const podSpec = (workload: Manifest) => workload.spec.template.spec;
export const container = (workload: Manifest) => podSpec(workload).containers[0];

/** The port a probe or Service names, as a number: either a containerPort's name or the number itself. */
export function resolvePort(workload: Manifest, port: string | number): number | undefined {
  const ports: { name: string; containerPort: number }[] = container(workload).ports ?? [];
  return typeof port === 'number' ? ports.find((each) => each.containerPort === port)?.containerPort : ports.find((each) => each.name === port)?.containerPort;
}
