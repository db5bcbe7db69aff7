import { Prisma } from './generated/prisma/client.js';

/**
 * A failure no retry can change (an amount that fits no price, no link to offer): the job fails
 * for good with this message on its log row, for a person to review. The worker runtime turns it
 * into BullMQ's UnrecoverableError by its `permanent` flag, so the domain knows no queue.
 */
export class PermanentError extends Error {
  readonly permanent = true;
}

/** Postgres unique violation, however the driver adapter surfaced it. */
export function isUniqueViolation(error: unknown): boolean {
  if (error instanceof Prisma.PrismaClientKnownRequestError) {
    const adapterKind = (error.meta as { driverAdapterError?: { cause?: { kind?: unknown } } } | undefined)?.driverAdapterError?.cause?.kind;
    return error.code === 'P2002' || adapterKind === 'UniqueConstraintViolation';
  }
  return pgCode(error) === '23505';
}

/** Driver-adapter error kinds (surfaced in `meta.driverAdapterError` of raw queries) that mean "no database". */
const UNAVAILABLE_ADAPTER_KINDS = new Set([
  'DatabaseNotReachable',
  'SocketTimeout',
  'ConnectionClosed',
  'TooManyConnections',
  'DatabaseDoesNotExist',
  'TransactionStartTimeout',
]);

const UNAVAILABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN']);

/**
 * True when the database could not be reached or the connection broke: the caller should
 * answer 503 (or let BullMQ retry), never treat it as a bad request.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let current: unknown = error, depth = 0; current && depth < 6; depth++) {
    if (current instanceof Prisma.PrismaClientInitializationError) return true;
    if (current instanceof Prisma.PrismaClientKnownRequestError && ['P1001', 'P1002', 'P1017', 'P2024'].includes(current.code)) {
      return true;
    }
    const adapterKind = (current as { meta?: { driverAdapterError?: { cause?: { kind?: unknown } } } }).meta?.driverAdapterError?.cause?.kind;
    if (typeof adapterKind === 'string' && UNAVAILABLE_ADAPTER_KINDS.has(adapterKind)) return true;
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && (UNAVAILABLE_CODES.has(code) || code.startsWith('57P') || code.startsWith('08'))) {
      return true;
    }
    const message = (current as { message?: unknown }).message;
    if (
      typeof message === 'string' &&
      /connection terminated|timeout exceeded when trying to connect|Connection terminated|ECONNREFUSED|server closed the connection/i.test(message)
    ) {
      return true;
    }
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

function pgCode(error: unknown): string | undefined {
  for (let current: unknown = error, depth = 0; current && depth < 6; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}
