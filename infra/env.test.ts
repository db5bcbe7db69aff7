import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseEnv as parseDotEnv } from 'node:util';
import { describe, expect, it } from 'vitest';
import { allSchemaEnvNames, APP_ENV_SCHEMAS, APPS, PASSTHROUGH_ENV, readEnvExample } from './test-support/env-schemas.js';
import { readYaml, readYamlDocuments, ROOT } from './test-support/repo.js';

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

describe('scripts/write-env.mjs', () => {
  const writeEnv = (...args: string[]) => execFileSync(process.execPath, [join(ROOT, 'scripts/write-env.mjs'), ...args], { stdio: 'pipe' });
  const read = (file: string) => parseDotEnv(readFileSync(file, 'utf8')) as Record<string, string>;
  const placeholders = Object.entries(readEnvExample())
    .filter(([, value]) => value === 'change-me')
    .map(([name]) => name);

  it('writes a .env every app starts with: each change-me replaced by a secret its schema accepts', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'sara-env-')), '.env');
    writeEnv(file);
    const written = read(file);
    expect(placeholders).toContain('CONSOLE_SESSION_SECRET');
    for (const name of placeholders) expect(written[name], name).toMatch(/^[0-9a-f]{48}$/);
    for (const app of APPS) {
      const result = APP_ENV_SCHEMAS[app].safeParse(written);
      expect(result.success ? [] : result.error.issues, app).toEqual([]);
    }
  });

  it('adds the secrets an older .env lacks, and changes nothing else', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'sara-env-')), '.env');
    const older = 'PORT=3000\nADMIN_API_KEY=kept-as-it-was-0123456789\n';
    writeFileSync(file, older);
    writeEnv(file, '--add-missing');
    const text = readFileSync(file, 'utf8');
    expect(text.startsWith(older)).toBe(true);
    expect(read(file).ADMIN_API_KEY).toBe('kept-as-it-was-0123456789');
    expect(Object.keys(read(file)).sort()).toEqual(['PORT', ...placeholders].sort());
    expect(read(file).CONSOLE_SESSION_SECRET).toMatch(/^[0-9a-f]{48}$/);
  });
});
