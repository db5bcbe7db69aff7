import type { RecoverySettingsView } from '@sara/domain';
import type { SaraClient } from './client.js';
import type { Say } from './wait.js';

/** How long the demo's silent buyer waits for the follow-up: long enough for the other buyers to answer first. */
export const DEMO_FOLLOW_UP_SECONDS = 8;

/**
 * Sets what the demo needs for its run through the admin API, and returns how to put back what
 * was there. A cart is followed up after 1 h by default, too long to watch, so the silent buyer's
 * kind (cart) gets step 2 after a few seconds, with the shop's own template names. Quiet hours
 * (22:00-08:00 by default) and a holdout would make the demo fail at night or at random, so they
 * are off for the run, whatever the hour: a newcomer runs `bash scripts/up.sh` when they have time.
 * This goes through the API because the demo also runs against a Sara already running
 * (`scripts/pnpm.sh demo`), whose stored settings win over its environment. Its database is the
 * shop's own (up.sh uses DATABASE_URL from .env), so nothing stays changed: a sequence the shop
 * had not set goes back to the default (DELETE), one it had set is put back as it was, and a
 * setting is written only when the demo had to change it (up.sh starts the demo's apps without
 * quiet hours, see scripts/start-all.mjs, so on a fresh install no settings row is written).
 */
export async function setUpDemoFollowUp(client: SaraClient, say: Say): Promise<() => Promise<void>> {
  const [sequences, settings] = await Promise.all([client.sequences(), client.recoverySettings()]);
  const cart = sequences.find((sequence) => sequence.kind === 'cart');
  if (!cart) throw new Error('GET /admin/sequences listed no cart sequence');
  const first = cart.steps[0]?.template ?? 'sara_carrinho_abandonado';
  const followUp = cart.steps[1]?.template ?? `${first}_lembrete`;
  await client.putSequence('cart', [
    { delaySeconds: 0, template: first },
    { delaySeconds: DEMO_FOLLOW_UP_SECONDS, template: followUp },
  ]);
  const change: Partial<RecoverySettingsView> = {
    ...(settings.quietHours ? { quietHours: null } : {}),
    ...(settings.holdoutPercent > 0 ? { holdoutPercent: 0 } : {}),
  };
  const changed = Object.keys(change).length > 0;
  if (changed) await client.putRecoverySettings(change);

  const off = [
    settings.quietHours && `quiet hours (${settings.quietHours.start}-${settings.quietHours.end})`,
    settings.holdoutPercent > 0 && 'the holdout group',
  ]
    .filter(Boolean)
    .join(' and ');
  say(`For this run, step 2 of a cart (${followUp}) follows ${DEMO_FOLLOW_UP_SECONDS} s after the abandonment (PUT /admin/sequences/cart).`);
  say(off ? `Turned off for the run: ${off} (PUT /admin/settings).` : 'No quiet hours or holdout group in force: the demo plays the same at any hour.');
  say('What the demo changed goes back as it was when it ends.');

  return async () => {
    await (cart.custom ? client.putSequence('cart', cart.steps) : client.resetSequence('cart'));
    if (changed) {
      await client.putRecoverySettings({
        ...('quietHours' in change ? { quietHours: settings.quietHours } : {}),
        ...('holdoutPercent' in change ? { holdoutPercent: settings.holdoutPercent } : {}),
      });
    }
    say(`Put back as before the demo: the cart sequence${changed ? ` and ${off}` : ''}.`);
  };
}
