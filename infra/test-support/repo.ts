import { existsSync, lstatSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, parseAllDocuments } from 'yaml';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export function readText(path: string): string {
  return readFileSync(join(ROOT, path), 'utf8');
}

export function readJson<T = unknown>(path: string): T {
  return JSON.parse(readText(path)) as T;
}

/** merge: true, because docker-compose.yml shares environment blocks through `<<: *anchor`. */
export function readYaml<T = unknown>(path: string): T {
  return parse(readText(path), { merge: true }) as T;
}

/** Every document of a multi-document file; a syntax error fails loudly instead of vanishing. */
export function readYamlDocuments(path: string): unknown[] {
  return parseAllDocuments(readText(path))
    .map((document) => {
      if (document.errors.length > 0) throw new Error(`${path}: ${document.errors.map((error) => error.message).join('; ')}`);
      return document.toJS();
    })
    .filter((document) => document !== null);
}

export function exists(path: string): boolean {
  return existsSync(join(ROOT, path));
}

/** Files under `dir` (repository-relative), recursively; node_modules and symlinks are skipped. */
export function listFiles(dir: string, accept: (path: string) => boolean = () => true): string[] {
  const found: string[] = [];
  const walk = (absolute: string) => {
    for (const entry of readdirSync(absolute)) {
      const path = join(absolute, entry);
      const stat = lstatSync(path);
      if (entry === 'node_modules' || stat.isSymbolicLink()) continue;
      if (stat.isDirectory()) walk(path);
      else if (accept(relative(ROOT, path))) found.push(relative(ROOT, path));
    }
  };
  walk(join(ROOT, dir));
  return found.sort();
}

/** The non-test TypeScript sources under `dir`, concatenated: for "does the app serve X" checks. */
export function sourceOf(dir: string): string {
  return listFiles(dir, (path) => path.endsWith('.ts') && !path.endsWith('.test.ts') && !path.includes('test-support'))
    .map((path) => readText(path))
    .join('\n');
}

export function workspaceApps(): string[] {
  return readdirSync(join(ROOT, 'apps'))
    .filter((dir) => existsSync(join(ROOT, 'apps', dir, 'package.json')))
    .sort();
}

export function workspacePackages(): string[] {
  return readdirSync(join(ROOT, 'packages'))
    .filter((dir) => existsSync(join(ROOT, 'packages', dir, 'package.json')))
    .sort();
}
