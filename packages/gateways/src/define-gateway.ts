import { z } from 'zod';
import { zPlatformSecret, zSharedGatewayEnv } from './env.js';
import type { BoundHandler, EventHandler, GatewayAdapter } from './types.js';

type SecretShape<Secret extends string> = { [Key in Secret]: ReturnType<typeof zPlatformSecret> };

type Definition<Platform extends string, Secret extends string, Settings extends z.ZodRawShape> = Omit<
  GatewayAdapter,
  'platform' | 'env' | 'secretEnv' | 'events'
> & {
  platform: Platform;
  /** The variable that holds this platform's secret, and what it is (said when it is refused). */
  secret: Record<Secret, string>;
  /** Any other variables the platform reads; its handlers get them parsed, as `env`. */
  settings?: Settings;
  /** Typed by `settings`, which is where Settings is inferred from. */
  events: Record<string, EventHandler<NoInfer<Settings>>>;
};

/**
 * One platform's adapter with its env schema. Every secret follows the same rules (optional,
 * trimmed, no placeholder), so a platform only names its variable and says what it holds.
 */
export function defineGateway<const Platform extends string, const Secret extends string, Settings extends z.ZodRawShape = Record<never, never>>(
  definition: Definition<Platform, Secret, Settings>,
): GatewayAdapter<z.ZodObject<SecretShape<Secret> & Settings>, Platform, Secret> {
  const { secret, settings, events, ...adapter } = definition;
  const [entry, ...others] = Object.entries<string>(secret);
  if (!entry || others.length > 0) throw new Error(`${adapter.platform} must name exactly one secret variable`);
  const [secretEnv, what] = entry as [Secret, string];
  const env = z.object({ ...settings, [secretEnv]: zPlatformSecret(what) }) as z.ZodObject<SecretShape<Secret> & Settings>;
  // Parsing picks out this platform's own variables, typed, so a handler never sees a secret;
  // the values were checked at boot, so this cannot fail, and absent ones take their defaults.
  const own = zSharedGatewayEnv.extend(settings ?? ({} as Settings));
  const bind =
    (handler: EventHandler<Settings>): BoundHandler =>
    (body, { request, now, env: values }) =>
      handler(body, { request, now, env: own.parse(values) });
  return { ...adapter, env, secretEnv, events: Object.fromEntries(Object.entries(events).map(([name, handler]) => [name, bind(handler)])) };
}
