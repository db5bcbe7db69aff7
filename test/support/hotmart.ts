import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURES_DIR } from './meta.js';

const HOTMART_DIR = join(FIXTURES_DIR, 'hotmart');
export const hasHotmartFixtures = existsSync(HOTMART_DIR);
if (!hasHotmartFixtures) console.warn(`[fixtures] ${HOTMART_DIR} not found: tests of real Hotmart payloads are skipped.`);

export type HotmartFixture = { name: string; raw: string; body: Record<string, unknown> };

/** Every Hotmart event file, as its exact bytes (what Hotmart would post) and parsed. */
export function loadHotmartFixtures(): HotmartFixture[] {
  if (!hasHotmartFixtures) return [];
  return readdirSync(HOTMART_DIR, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .flatMap((entry) =>
      readdirSync(join(HOTMART_DIR, entry.name))
        .filter((file) => file.endsWith('.json'))
        .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }))
        .map((file) => {
          const raw = readFileSync(join(HOTMART_DIR, entry.name, file), 'utf8');
          return { name: `${entry.name}/${file}`, raw, body: JSON.parse(raw) as Record<string, unknown> };
        }),
    );
}
