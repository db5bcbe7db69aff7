import type { ConversationTranscript } from '@sara/domain';
import { SaraError, type SaraClient } from './client.js';
import { isSettled } from './transcript.js';

/** Where progress lines go: stderr for the CLI (stdout keeps the answer), stdout for the demo, a list in tests. */
export type Say = (line: string) => void;

const STILL_WAITING_EVERY_MS = 5_000;

/**
 * Polls until `probe` returns a value. Quiet when the answer is quick; a line every few seconds
 * when it is not, so a slow worker looks slow rather than hung; one line with the time at the end.
 */
export async function waitUntil<T>(
  label: string,
  probe: () => Promise<T | undefined>,
  options: { say: Say; timeoutMs: number; intervalMs?: number; describeLast?: () => string },
): Promise<T> {
  const startedAt = Date.now();
  let nextNotice = startedAt + STILL_WAITING_EVERY_MS;
  for (;;) {
    const value = await probe();
    const elapsed = Date.now() - startedAt;
    if (value !== undefined) {
      options.say(`  ✓ ${label} (${seconds(elapsed)})`);
      return value;
    }
    if (elapsed > options.timeoutMs) {
      const last = options.describeLast ? `; ${options.describeLast()}` : '';
      throw new SaraError(`timed out after ${seconds(options.timeoutMs)} waiting for ${label}${last}`);
    }
    if (Date.now() >= nextNotice) {
      options.say(`  … still waiting for ${label} (${seconds(elapsed)})`);
      nextNotice += STILL_WAITING_EVERY_MS;
    }
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 200));
  }
}

const seconds = (ms: number): string => `${(ms / 1_000).toFixed(1)} s`;

/** A --timeout flag in seconds, as milliseconds. */
export function parseTimeout(raw: string): number {
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new SaraError(`--timeout must be a number of seconds, e.g. 30 (got "${raw}")`);
  return value * 1_000;
}

/** Polls GET /conversations/:id until `done` holds for the transcript; reports the last state on timeout. */
export async function waitForConversation(
  client: SaraClient,
  conversationId: string,
  label: string,
  done: (transcript: ConversationTranscript) => boolean,
  options: { say: Say; timeoutMs: number; hint?: string },
): Promise<ConversationTranscript> {
  let last: ConversationTranscript | undefined;
  return waitUntil(
    label,
    async () => {
      last = await client.conversation(conversationId).catch((error: unknown) => {
        // The worker creates the conversation row a moment after the ingress answers.
        if (error instanceof SaraError && error.status === 404) return undefined;
        throw error;
      });
      return last && done(last) ? last : undefined;
    },
    {
      ...options,
      describeLast: () =>
        (last
          ? `conversation is ${last.status}${last.closedReason ? ` (${last.closedReason})` : ''} with ${last.messages.length} messages`
          : 'the conversation was never created') + (options.hint ? ` (${options.hint})` : ''),
    },
  );
}

/** Sara has said something after the buyer's last message, and it left. */
export function answeredLastBuyerMessage(transcript: ConversationTranscript): boolean {
  const lastBuyer = transcript.messages.findLastIndex((message) => message.from === 'user');
  if (lastBuyer < 0) return false;
  const after = transcript.messages.slice(lastBuyer + 1).filter((message) => message.from !== 'user');
  return after.length > 0 && after.every(isSettled);
}

/** Every message Sara queued has left: nothing is still on its way. */
export function allSent(transcript: ConversationTranscript): boolean {
  return transcript.messages.filter((message) => message.from !== 'user').every(isSettled);
}

/** Polls GET /ready until Postgres and Redis answer; connection refused counts as "not yet". */
export async function waitForReady(client: SaraClient, options: { say: Say; timeoutMs: number }): Promise<void> {
  let last = 'no answer';
  await waitUntil(
    `GET /ready at ${client.settings.url}`,
    async () => {
      const ready = await client.ready().catch((error: unknown) => {
        last = error instanceof Error ? error.message : String(error);
        return undefined;
      });
      if (ready) last = `GET /ready says ${JSON.stringify(ready.checks)}`;
      return ready?.status === 'ready' ? true : undefined;
    },
    { ...options, intervalMs: 500, describeLast: () => last },
  );
}
