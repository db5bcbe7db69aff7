// Writes a .env from .env.example, replacing each "change-me" secret with a random one, so
// a first run works without anyone inventing secrets (and none is shared between installs).
// `--add-missing` appends, to an existing file, a generated value for each secret it lacks
// (a secret added in a later release, such as ERASURE_HASH_KEY), leaving every other line alone.
import { randomBytes } from 'node:crypto';
import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const args = process.argv.slice(2);
const addMissing = args.includes('--add-missing');
const target = args.find((arg) => !arg.startsWith('--')) ?? '.env';
const example = readFileSync(fileURLToPath(new URL('../.env.example', import.meta.url)), 'utf8');
const secret = () => randomBytes(24).toString('hex');

if (existsSync(target)) {
  if (!addMissing) {
    console.error(`write-env: ${target} exists; not overwriting it.`);
    process.exit(1);
  }
  const present = new Set([...readFileSync(target, 'utf8').matchAll(/^([A-Z0-9_]+)=/gm)].map((match) => match[1]));
  const missing = [...example.matchAll(/^([A-Z0-9_]+)=change-me$/gm)].map((match) => match[1]).filter((name) => !present.has(name));
  if (missing.length > 0) appendFileSync(target, `\n${missing.map((name) => `${name}=${secret()}`).join('\n')}\n`);
  // Names only: the values are secrets.
  console.error(`write-env: ${missing.length ? `added ${missing.join(', ')} to` : 'nothing missing in'} ${target}`);
  process.exit(0);
}
const filled = example.replace(/^([A-Z0-9_]+)=change-me$/gm, (_line, name) => `${name}=${secret()}`);
writeFileSync(target, filled, { mode: 0o600 });
