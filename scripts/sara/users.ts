// `pnpm sara user add|ensure-admin`: the console's accounts, written straight into the database
// that DATABASE_URL names (the console need not be running). A password is read from standard
// input, never from an argument (which `ps` and shell history would keep), and never printed,
// except the generated first admin's, once.
import { randomInt } from 'node:crypto';
import { ConfigError, parseEnv, zBaseEnv } from '@sara/config';
import { AppError, createPrismaClient, MIN_PASSWORD_LENGTH, OperatorAccounts, OPERATOR_ROLES, type OperatorRole } from '@sara/domain';
import { SaraError } from './client.js';

/** The account `ensure-admin` creates on an empty installation. */
export const FIRST_ADMIN = { email: 'admin@sara.local', name: 'Administrador', role: 'admin' } as const;
const GENERATED_PASSWORD_LENGTH = 20;
// Letters and digits only: a double click selects the whole password, and nothing needs quoting.
const PASSWORD_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

export function consoleUrl(env: NodeJS.ProcessEnv = process.env): string {
  return `http://localhost:${env.CONSOLE_PORT || 3001}`;
}

export function isRole(value: string | undefined): value is OperatorRole {
  return OPERATOR_ROLES.includes(value as OperatorRole);
}

/** 20 letters and digits from the CSPRNG: about 119 bits. */
export function generatePassword(): string {
  return Array.from({ length: GENERATED_PASSWORD_LENGTH }, () => PASSWORD_ALPHABET[randomInt(PASSWORD_ALPHABET.length)]).join('');
}

/** The first line of standard input; on a terminal, asked for as "Senha: " without echo. */
export async function readPassword(stdin: NodeJS.ReadStream = process.stdin, prompt: NodeJS.WriteStream = process.stderr): Promise<string> {
  const password = stdin.isTTY ? await readHidden(stdin, prompt) : await readFirstLine(stdin);
  if (password.length < MIN_PASSWORD_LENGTH) {
    throw new SaraError(`the password must have at least ${MIN_PASSWORD_LENGTH} characters (read from standard input, one line)`);
  }
  return password;
}

function readFirstLine(stdin: NodeJS.ReadableStream): Promise<string> {
  return new Promise((resolve, reject) => {
    let buffered = '';
    const finish = () => {
      stdin.off('data', onData).off('end', finish).off('error', reject);
      stdin.pause();
      resolve(buffered.split('\n')[0]!.replace(/\r$/, ''));
    };
    const onData = (chunk: Buffer | string) => {
      buffered += chunk.toString();
      if (buffered.includes('\n')) finish();
    };
    stdin.on('data', onData).once('end', finish).once('error', reject);
  });
}

function readHidden(stdin: NodeJS.ReadStream, prompt: NodeJS.WriteStream): Promise<string> {
  prompt.write('Senha: ');
  stdin.setRawMode(true);
  stdin.setEncoding('utf8');
  return new Promise((resolve, reject) => {
    let typed = '';
    const done = (outcome: () => void) => {
      stdin.setRawMode(false);
      stdin.off('data', onData);
      stdin.pause();
      prompt.write('\n');
      outcome();
    };
    const onData = (chunk: string) => {
      for (const char of chunk) {
        if (char === '\r' || char === '\n' || char === '\u0004') return done(() => resolve(typed));
        if (char === '\u0003') return done(() => reject(new SaraError('cancelled')));
        if (char === '\u007f' || char === '\b') typed = [...typed].slice(0, -1).join('');
        else if (char >= ' ') typed += char;
      }
    };
    stdin.on('data', onData);
    stdin.resume();
  });
}

/** Opens the database of DATABASE_URL (.env already loaded), runs `work`, and always disconnects. */
async function withAccounts<T>(work: (accounts: OperatorAccounts) => Promise<T>): Promise<T> {
  let env;
  try {
    env = parseEnv(zBaseEnv, process.env);
  } catch (error) {
    if (error instanceof ConfigError) throw new SaraError(error.message);
    throw error;
  }
  const prisma = createPrismaClient({ databaseUrl: env.DATABASE_URL, poolMax: 2, connectTimeoutMs: env.DATABASE_CONNECT_TIMEOUT_MS });
  try {
    return await work(new OperatorAccounts(prisma));
  } catch (error) {
    if (error instanceof AppError && error.status < 500) throw new SaraError(error.message, error.status);
    if (error instanceof AppError || error instanceof SaraError) throw error;
    // Unreachable or unmigrated database: say which one, without the password in its URL.
    const { host, pathname } = new URL(env.DATABASE_URL);
    throw new SaraError(
      `could not write to the database ${host}${pathname} (is it running and migrated? scripts/pnpm.sh db:migrate): ${(error as Error).message.split('\n')[0]}`,
    );
  } finally {
    await prisma.$disconnect();
  }
}

/** `user add <email> --role admin|agent [--name "Ana Souza"]`, the password on standard input. */
export async function addUser(input: { email: string; role: OperatorRole; name?: string | undefined }, password: string): Promise<string> {
  const created = await withAccounts((accounts) => accounts.create({ ...input, password }));
  return `created ${created.role} ${created.email}`;
}

/**
 * `user ensure-admin`, run by `bash scripts/up.sh`: on an installation without any account,
 * creates the first admin with a generated password and returns the block that shows it, once.
 * With accounts, it changes nothing. Two runs at once create one admin: the e-mail is unique.
 */
export async function ensureAdmin(env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const password = generatePassword();
  const created = await withAccounts(async (accounts) => {
    if ((await accounts.count()) > 0) return null;
    return accounts.create({ ...FIRST_ADMIN, password }).catch((error: unknown) => {
      if (error instanceof AppError && error.status === 409) return null;
      throw error;
    });
  });
  if (!created) return 'console accounts exist';
  const title = "================ the console's first admin (shown once; only its hash is stored) ================";
  return [
    title,
    `  console:  ${consoleUrl(env)}`,
    `  e-mail:   ${created.email}`,
    `  password: ${password}`,
    '  more accounts: scripts/pnpm.sh sara user add <email> --role admin|agent (password on stdin)',
    '='.repeat(title.length),
  ].join('\n');
}
