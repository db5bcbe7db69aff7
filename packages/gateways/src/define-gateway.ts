import { z } from 'zod';
import { zPlatformSecret } from './env.js';
import type { GatewayAdapter } from './types.js';

type SecretShape<Name extends string> = { [Key in Name]: ReturnType<typeof zPlatformSecret> };

type Definition<Name extends string, Settings extends z.ZodRawShape> = Omit<GatewayAdapter, 'env' | 'secretEnv'> & {
  /** The variable that holds this platform's secret, and what it is (said when it is refused). */
  secret: Record<Name, string>;
  /** Any other variables the platform reads. */
  settings?: Settings;
};

/**
 * One platform's adapter with its env schema. Every secret follows the same rules (optional,
 * trimmed, no placeholder), so a platform only names its variable and says what it holds.
 */
export function defineGateway<const Name extends string, Settings extends z.ZodRawShape = Record<never, never>>(
  definition: Definition<Name, Settings>,
): GatewayAdapter<z.ZodObject<SecretShape<Name> & Settings>> {
  const { secret, settings, ...adapter } = definition;
  const [entry, ...others] = Object.entries<string>(secret);
  if (!entry || others.length > 0) throw new Error(`${adapter.platform} must name exactly one secret variable`);
  const [secretEnv, what] = entry as [Name, string];
  const env = z.object({ ...settings, [secretEnv]: zPlatformSecret(what) }) as z.ZodObject<SecretShape<Name> & Settings>;
  return { ...adapter, env, secretEnv };
}
