import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

/** `../shared/fixtures` next to the project; a user's clone may not have it. */
export const FIXTURES_DIR = fileURLToPath(new URL('../../../shared/fixtures', import.meta.url));
export const hasFixtures = existsSync(join(FIXTURES_DIR, 'whatsapp'));
if (!hasFixtures) {
  console.warn(`[fixtures] ${FIXTURES_DIR} not found: tests of real third-party payloads are skipped.`);
}

/** The simulator's serialiser: non-ASCII escaped as \uXXXX, as Meta sends it. */
export { serializeLikeMeta } from '../../scripts/sara/client.js';

export type NamedBody = { file: string; name: string; body: Record<string, unknown> };

/** Every named webhook body of every WhatsApp fixture file. */
export function loadWhatsAppFixtures(): NamedBody[] {
  if (!hasFixtures) return [];
  const dir = join(FIXTURES_DIR, 'whatsapp');
  return readdirSync(dir)
    .filter((file) => file.endsWith('.json'))
    .flatMap((file) => {
      const named = JSON.parse(readFileSync(join(dir, file), 'utf8')) as Record<string, Record<string, unknown>>;
      return Object.entries(named).map(([name, body]) => ({ file, name, body }));
    });
}

export function loadWhatsAppFixture(file: string, name: string): Record<string, unknown> {
  const body = loadWhatsAppFixtures().find((fixture) => fixture.file === file && fixture.name === name)?.body;
  if (!body) throw new Error(`fixture ${file}#${name} not found`);
  return body;
}
