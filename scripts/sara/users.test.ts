import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { OperatorAccounts, type PrismaClient } from '@sara/domain';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestPrisma, truncateAll } from '../../test/support/database.js';
import { TEST_DATABASE_URL } from '../../test/test-env.js';

const CLI = fileURLToPath(new URL('./cli.ts', import.meta.url));
const TSX = import.meta.resolve('tsx');

type Run = { code: number | null; stdout: string; stderr: string };

/**
 * The real CLI as its own process, as `scripts/pnpm.sh sara user …` runs it, with `stdin` piped
 * in. It runs in an empty directory, so a developer's .env cannot point it at another database.
 */
async function sara(args: string[], stdin = ''): Promise<Run> {
  const child = spawn(process.execPath, ['--conditions=sara-source', '--import', TSX, CLI, ...args], {
    cwd: mkdtempSync(join(tmpdir(), 'sara-users-')),
    env: { PATH: process.env.PATH ?? '', DATABASE_URL: TEST_DATABASE_URL, CONSOLE_PORT: '3999' },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdin.end(stdin);
  const [code] = (await once(child, 'exit')) as [number | null];
  return { code, stdout, stderr };
}

const PASSWORD = 'correct horse battery staple';

let prisma: PrismaClient;
beforeEach(async () => {
  prisma ??= createTestPrisma();
  await truncateAll(prisma);
});
afterAll(async () => {
  await prisma?.$disconnect();
});

describe('sara user add', { timeout: 60_000 }, () => {
  it('creates the account from the password on stdin, storing only its scrypt hash', async () => {
    const run = await sara(['user', 'add', 'Ana@Loja.com', '--role', 'agent', '--name', 'Ana Souza'], `${PASSWORD}\n`);
    expect(run).toMatchObject({ code: 0, stdout: 'created agent ana@loja.com\n' });
    expect(run.stdout + run.stderr).not.toContain(PASSWORD);

    const row = await prisma.operator.findUniqueOrThrow({ where: { email: 'ana@loja.com' } });
    expect(row).toMatchObject({ name: 'Ana Souza', role: 'agent', active: true });
    expect(row.passwordHash).toMatch(/^scrypt\$\d+\$\d+\$\d+\$[\w-]+\$[\w-]+$/);
    expect(row.passwordHash).not.toContain(PASSWORD);
    // The hash is of the whole line that was piped in, and of nothing else.
    const accounts = new OperatorAccounts(prisma);
    expect(await accounts.verify('ana@loja.com', PASSWORD)).toMatchObject({ email: 'ana@loja.com', role: 'agent' });
    expect(await accounts.verify('ana@loja.com', `${PASSWORD}\n`)).toBeNull();
  });

  it('refuses an e-mail that already has an account, in any case, with exit 1', async () => {
    expect((await sara(['user', 'add', 'bia@loja.com', '--role', 'admin'], `${PASSWORD}\n`)).code).toBe(0);

    const again = await sara(['user', 'add', 'BIA@loja.com', '--role', 'agent'], 'another long password\n');
    expect(again).toMatchObject({ code: 1, stdout: '' });
    expect(again.stderr).toMatch(/^sara: .*already exists\n$/);
    expect(await prisma.operator.findMany({ select: { email: true, role: true } })).toEqual([{ email: 'bia@loja.com', role: 'admin' }]);
  });

  it('refuses a password shorter than 12 characters, or none, before touching the database', async () => {
    const short = await sara(['user', 'add', 'caio@loja.com', '--role', 'agent'], 'curta123\n');
    expect(short).toMatchObject({ code: 1, stdout: '' });
    expect(short.stderr).toMatch(/^sara: the password must have at least 12 characters.*\n$/);
    expect(short.stderr).not.toContain('curta123');
    expect((await sara(['user', 'add', 'caio@loja.com', '--role', 'agent'])).code).toBe(1);
    expect(await prisma.operator.count()).toBe(0);
  });

  it('asks for a role it knows, and answers a bad e-mail with exit 1', async () => {
    expect(await sara(['user', 'add', 'dani@loja.com'], `${PASSWORD}\n`)).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('--role must be admin or agent'),
    });
    expect((await sara(['user', 'add', 'dani@loja.com', '--role', 'owner'], `${PASSWORD}\n`)).code).toBe(2);
    expect(await sara(['user', 'add', 'not-an-email', '--role', 'agent'], `${PASSWORD}\n`)).toMatchObject({
      code: 1,
      stderr: 'sara: The e-mail is not valid\n',
    });
    expect(await prisma.operator.count()).toBe(0);
  });
});

describe('sara user ensure-admin', { timeout: 60_000 }, () => {
  it('creates the first admin on an empty installation and shows its password once', async () => {
    const first = await sara(['user', 'ensure-admin']);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('http://localhost:3999');
    expect(first.stdout).toContain('admin@sara.local');
    const password = /password: (\S+)/.exec(first.stdout)?.[1];
    expect(password).toMatch(/^[A-Za-z0-9]{20}$/);

    expect(await new OperatorAccounts(prisma).verify('admin@sara.local', password!)).toMatchObject({ role: 'admin', name: 'Administrador' });
    const row = await prisma.operator.findUniqueOrThrow({ where: { email: 'admin@sara.local' } });
    expect(row.passwordHash).not.toContain(password);

    const second = await sara(['user', 'ensure-admin']);
    expect(second).toEqual({ code: 0, stdout: 'console accounts exist\n', stderr: '' });
    expect(await prisma.operator.count()).toBe(1);
  });

  it('creates nothing when any account exists', async () => {
    expect((await sara(['user', 'add', 'eva@loja.com', '--role', 'agent'], `${PASSWORD}\n`)).code).toBe(0);
    expect(await sara(['user', 'ensure-admin'])).toMatchObject({ code: 0, stdout: 'console accounts exist\n' });
    expect(await prisma.operator.findMany({ select: { email: true } })).toEqual([{ email: 'eva@loja.com' }]);
  });
});
