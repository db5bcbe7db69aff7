import { AppError } from '../app-error.js';
import type { PrismaClientOrTransaction } from '../client.js';
import { hashPassword, unknownAccountHash, verifyPassword } from './password.js';

export const OPERATOR_ROLES = ['admin', 'agent'] as const;
export type OperatorRole = (typeof OPERATOR_ROLES)[number];

export type OperatorView = { id: string; email: string; name: string; role: OperatorRole };

/** Long enough that the login's rate limit, not the password, is what stops a guesser. */
export const MIN_PASSWORD_LENGTH = 12;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function toView(row: { id: string; email: string; name: string; role: string }): OperatorView {
  return { id: row.id, email: row.email, name: row.name, role: row.role as OperatorRole };
}

/** The console's accounts: created from the command line, checked at login. */
export class OperatorAccounts {
  constructor(private readonly db: PrismaClientOrTransaction) {}

  async create(input: { email: string; password: string; role: OperatorRole; name?: string }): Promise<OperatorView> {
    const email = input.email.trim().toLowerCase();
    if (!EMAIL.test(email) || email.length > 255) {
      throw new AppError('VALIDATION_ERROR', 'The e-mail is not valid', { status: 400, details: { field: 'email' } });
    }
    if (!OPERATOR_ROLES.includes(input.role)) {
      throw new AppError('VALIDATION_ERROR', 'The role must be admin or agent', { status: 400, details: { field: 'role' } });
    }
    if (input.password.length < MIN_PASSWORD_LENGTH) {
      throw new AppError('VALIDATION_ERROR', `The password must have at least ${MIN_PASSWORD_LENGTH} characters`, {
        status: 400,
        details: { field: 'password' },
      });
    }
    const name = input.name?.trim() || email.split('@')[0]!;
    const passwordHash = await hashPassword(input.password);
    const [created] = await this.db.operator.createManyAndReturn({ data: [{ email, name, passwordHash, role: input.role }], skipDuplicates: true });
    if (!created)
      throw new AppError('VALIDATION_ERROR', 'An account with this e-mail already exists', { status: 409, details: { field: 'email', reason: 'taken' } });
    return toView(created);
  }

  /** Everyone who can sign in, by name: the audit page's "who" filter. */
  async list(): Promise<OperatorView[]> {
    const rows = await this.db.operator.findMany({ where: { active: true }, orderBy: [{ name: 'asc' }, { id: 'asc' }] });
    return rows.map(toView);
  }

  count(): Promise<number> {
    return this.db.operator.count();
  }

  async find(id: string): Promise<OperatorView | null> {
    const row = await this.db.operator.findFirst({ where: { id, active: true } });
    return row ? toView(row) : null;
  }

  /** The account, when the password is its own; the same work is done for an unknown e-mail. */
  async verify(email: string, password: string): Promise<OperatorView | null> {
    const row = await this.db.operator.findFirst({ where: { email: email.trim().toLowerCase(), active: true } });
    const matches = await verifyPassword(password, row?.passwordHash ?? (await unknownAccountHash()));
    return row && matches ? toView(row) : null;
  }
}
