import { randomUUID } from 'node:crypto';
import { createLogger } from '@sara/observability';
import { afterAll, beforeEach } from 'vitest';
import { createTestPrisma, truncateAll } from '../../../../test/support/database.js';
import type { PrismaClient } from '../generated/prisma/client.js';
import type { AbandonmentCommand } from '../recovery/commands.js';
import type { TemplateSettings } from '../recovery/templates.js';

/** Short template names, so a test reads which message went out. */
export const templates: TemplateSettings = {
  language: 'pt_BR',
  abandonment: 'abandono',
  thanks: 'obrigado',
  paymentPending: 'pendente',
  paymentExpired: 'expirado',
};
/** A week, as in production. */
export const matching = { matchWindowMs: 7 * 24 * 3600_000 };
export const logger = createLogger({ service: 'test', level: 'silent' });

/**
 * The real test database for one file of service tests: emptied before each test (register a
 * file's own setup after this), disconnected after the last.
 */
export function useTestDatabase(): PrismaClient {
  const prisma = createTestPrisma();
  beforeEach(() => truncateAll(prisma));
  afterAll(() => prisma.$disconnect());
  return prisma;
}

/** A buyer's abandoned cart as the checkout reports it; each test overrides what it is about. */
export function cart(overrides: Partial<AbandonmentCommand> = {}): AbandonmentCommand {
  return {
    abandonmentId: 'ab_1',
    conversationId: randomUUID(),
    name: 'Bia Souza',
    phone: '+5511987651111',
    productId: 'curso',
    paymentLink: 'https://pay.example.com/curso',
    value: 297,
    kind: 'cart',
    source: 'sara',
    ...overrides,
  };
}
