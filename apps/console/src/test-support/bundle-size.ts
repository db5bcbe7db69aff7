import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

/** The page's entry script (what index.html loads before anything lazy), raw and gzipped bytes. */
export function entryScriptSize(webRoot: URL): { file: string; bytes: number; gzipBytes: number } {
  const html = readFileSync(new URL('index.html', webRoot), 'utf8');
  const src = /<script[^>]+type="module"[^>]+src="\/?([^"]+)"/.exec(html)?.[1];
  if (!src) throw new Error('index.html loads no module script');
  const code = readFileSync(new URL(src, webRoot));
  return { file: src, bytes: code.length, gzipBytes: gzipSync(code, { level: 9 }).length };
}
