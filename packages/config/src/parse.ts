import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseEnv as parseDotEnv } from 'node:util';
import type { z } from 'zod';

export class ConfigError extends Error {
  constructor(readonly issues: { variable: string; problem: string }[]) {
    super(`Invalid environment: ${issues.map((issue) => `${issue.variable}: ${issue.problem}`).join('; ')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Parses the environment once at boot. The error names every bad variable, so an operator
 * sees "REDIS_URL: must be a redis:// URL" instead of a stack trace from deep inside a driver.
 */
export function parseEnv<Schema extends z.ZodType>(schema: Schema, source: NodeJS.ProcessEnv = process.env): z.infer<Schema> {
  const result = schema.safeParse(source);
  if (result.success) return result.data;
  throw new ConfigError(
    result.error.issues.map((issue) => ({
      variable: issue.path.join('.') || '(environment)',
      problem: issue.message,
    })),
  );
}

/**
 * Fills variables missing from the process environment with those of the nearest `.env`
 * (working directory first, then up to the workspace root). Real environment variables
 * always win, so containers and CI are never overridden by a stray file.
 */
export function loadDotEnv(startDir: string = process.cwd()): string | undefined {
  const file = findDotEnv(resolve(startDir));
  if (!file) return undefined;
  const values = parseDotEnv(readFileSync(file, 'utf8'));
  for (const [key, value] of Object.entries(values)) {
    if (process.env[key] === undefined) process.env[key] = value;
  }
  return file;
}

function findDotEnv(dir: string): string | undefined {
  for (let current = dir; ; current = dirname(current)) {
    const candidate = join(current, '.env');
    if (existsSync(candidate)) return candidate;
    if (existsSync(join(current, 'pnpm-workspace.yaml')) || dirname(current) === current) {
      return undefined;
    }
  }
}
