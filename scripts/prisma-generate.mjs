// Generates the Prisma client into packages/domain/src/generated.
//
// Prisma's CLI downloads a schema engine before `generate`, although generate never runs
// it. Where that download is impossible (an offline machine, a closed CI network) we point
// PRISMA_SCHEMA_ENGINE_BINARY at a placeholder file and generate again; machines that can
// download keep the real engine.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const prismaBin = join(root, 'node_modules', '.bin', 'prisma');

function generate(extraEnv) {
  return spawnSync(prismaBin, ['generate'], {
    cwd: root,
    env: { ...process.env, ...extraEnv },
    encoding: 'utf8',
  });
}

let result = generate({});
if (result.status !== 0 && /schema-engine|binaries|download|ENOTFOUND|ECONNREFUSED|fetch/i.test(result.stderr + result.stdout)) {
  const placeholder = join(mkdtempSync(join(tmpdir(), 'sara-prisma-')), 'schema-engine-unavailable');
  writeFileSync(placeholder, '');
  console.log('prisma generate: schema engine not downloadable here; generating with a placeholder engine path.');
  result = generate({ PRISMA_SCHEMA_ENGINE_BINARY: placeholder });
}
process.stdout.write(result.stdout ?? '');
process.stderr.write(result.stderr ?? '');
process.exit(result.status ?? 1);
