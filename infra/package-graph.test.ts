import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exists, listFiles, readJson, readText, ROOT } from './test-support/repo.js';

/**
 * The layers of the README's package graph, as a rule per package: the workspace packages it
 * may use. Apps sit on top and may use any. Changing a layer means changing this table, the
 * README's graph, and saying why.
 */
const MAY_USE: Record<string, string[]> = {
  '@sara/config': [],
  '@sara/observability': [],
  '@sara/ai': [],
  '@sara/ai-openai': ['@sara/ai'],
  '@sara/whatsapp': [],
  '@sara/gateways': ['@sara/jobs'],
  '@sara/jobs': ['@sara/observability'],
  '@sara/domain': ['@sara/ai', '@sara/config', '@sara/observability'],
  '@sara/runtime': ['@sara/domain', '@sara/jobs', '@sara/observability'],
  '@sara/http': ['@sara/domain', '@sara/observability'],
  '@sara/admin-api': ['@sara/domain', '@sara/http', '@sara/jobs', '@sara/observability', '@sara/ai'],
};

/** Libraries that talk to the network or to Redis: the domain core must reach none of them. */
const TRANSPORTS = ['bullmq', 'ioredis', 'openai', 'express', '@sara/jobs', '@sara/whatsapp', '@sara/runtime', '@sara/ai-openai'];

/**
 * Dependencies used other than by an import of the shipped code: the driver and client the
 * generated Prisma code loads, and the loader hook tracing registers by name.
 */
const USED_WITHOUT_IMPORT = ['@prisma/client', 'pg', '@opentelemetry/instrumentation'];

type PackageJson = { name: string; dependencies?: Record<string, string> };

const workspaces = ['apps', 'packages']
  .flatMap((root) => readdirSync(join(ROOT, root)).map((dir) => `${root}/${dir}`))
  .filter((dir) => exists(`${dir}/package.json`));
const manifests = workspaces.map((dir) => ({ dir, json: readJson<PackageJson>(`${dir}/package.json`) }));
const byName = new Map(manifests.map((manifest) => [manifest.json.name, manifest]));

/** Packages the shipped code of a workspace imports (tests and test support excluded). */
function importsOf(dir: string): Set<string> {
  const files = listFiles(
    `${dir}/src`,
    (path) => path.endsWith('.ts') && !path.endsWith('.test.ts') && !path.includes('/test-support/') && !path.includes('/generated/'),
  );
  const found = new Set<string>();
  for (const file of files) {
    for (const match of readText(file).matchAll(/(?:^|\n)\s*(?:import|export)\b[^'"]*?from\s+['"]([^'"]+)['"]/g)) {
      const specifier = match[1]!;
      if (specifier.startsWith('.') || specifier.startsWith('node:')) continue;
      const parts = specifier.split('/');
      found.add(specifier.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]!);
    }
  }
  return found;
}

describe('the package graph', () => {
  it('has a rule for every package', () => {
    const packages = manifests.filter(({ dir }) => dir.startsWith('packages/')).map(({ json }) => json.name);
    expect(packages.sort()).toEqual(Object.keys(MAY_USE).sort());
  });

  it.each(manifests.map(({ dir, json }) => [json.name, dir] as const))('%s imports only what it declares', (_, dir) => {
    const declared = Object.keys(byName.get(readJson<PackageJson>(`${dir}/package.json`).name)!.json.dependencies ?? {});
    const imported = [...importsOf(dir)].filter((name) => !name.startsWith('@types/'));
    expect(imported.filter((name) => !declared.includes(name)).sort(), 'imported but not in dependencies').toEqual([]);
  });

  it.each(manifests.map(({ dir, json }) => [json.name, dir] as const))('%s declares nothing it does not import', (name, dir) => {
    const imported = importsOf(dir);
    const unused = Object.keys(byName.get(name)!.json.dependencies ?? {}).filter((dep) => !imported.has(dep) && !USED_WITHOUT_IMPORT.includes(dep));
    expect(unused, 'in dependencies but never imported').toEqual([]);
  });

  it.each(Object.entries(MAY_USE))('%s uses only the packages below it', (name, allowed) => {
    const manifest = byName.get(name)!;
    const workspaceDeps = Object.keys(manifest.json.dependencies ?? {}).filter((dep) => dep.startsWith('@sara/'));
    expect(workspaceDeps.filter((dep) => !allowed.includes(dep))).toEqual([]);
  });

  it('keeps the domain core free of every transport, directly and through its packages', () => {
    const reachable = new Set<string>();
    const visit = (name: string) => {
      for (const dep of Object.keys(byName.get(name)?.json.dependencies ?? {})) {
        if (reachable.has(dep)) continue;
        reachable.add(dep);
        visit(dep);
      }
    };
    visit('@sara/domain');
    expect(TRANSPORTS.filter((transport) => reachable.has(transport))).toEqual([]);
    expect([...importsOf('packages/domain')].filter((name) => TRANSPORTS.includes(name))).toEqual([]);
  });

  it('is acyclic', () => {
    const state = new Map<string, 'visiting' | 'done'>();
    const cycle: string[] = [];
    const visit = (name: string, path: string[]): void => {
      if (state.get(name) === 'done') return;
      if (state.get(name) === 'visiting') {
        cycle.push(...path, name);
        return;
      }
      state.set(name, 'visiting');
      for (const dep of Object.keys(byName.get(name)?.json.dependencies ?? {}).filter((each) => byName.has(each))) visit(dep, [...path, name]);
      state.set(name, 'done');
    };
    for (const name of byName.keys()) visit(name, []);
    expect(cycle).toEqual([]);
  });
});
