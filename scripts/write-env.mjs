// Writes a .env from .env.example, replacing each "change-me" secret with a random one, so
// a first run works without anyone inventing secrets (and none is shared between installs).
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const target = process.argv[2] ?? '.env';
if (existsSync(target)) {
  console.error(`write-env: ${target} exists; not overwriting it.`);
  process.exit(1);
}
const example = readFileSync(fileURLToPath(new URL('../.env.example', import.meta.url)), 'utf8');
const filled = example.replace(/^([A-Z0-9_]+)=change-me$/gm, (_line, name) => `${name}=${randomBytes(24).toString('hex')}`);
writeFileSync(target, filled, { mode: 0o600 });
