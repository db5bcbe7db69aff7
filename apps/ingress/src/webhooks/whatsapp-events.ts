import { createHash } from 'node:crypto';
import type { Prisma } from '@sara/domain';
import type { IncomingEvent } from './webhook-intake.js';

type JsonObject = Record<string, unknown>;

const isObject = (value: unknown): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value);

const listOf = (value: unknown): JsonObject[] => (Array.isArray(value) ? value.filter(isObject) : []);

/** external_id is varchar(255); a longer key (never seen from Meta) is hashed, not truncated. */
function externalKey(parts: unknown[]): string {
  const key = parts.map((part) => String(part ?? '')).join(':');
  return key.length <= 255 ? key : `sha256:${createHash('sha256').update(key).digest('hex')}`;
}

function hashKey(value: unknown): string {
  return `sha256:${createHash('sha256').update(JSON.stringify(value)).digest('hex')}`;
}

/**
 * The WhatsApp Business Account id of an entry, as the job schema reads it. Meta documents a
 * string, but a number (a careless proxy, a re-serialiser) or no id at all still carries the
 * buyer's message: coerce rather than let the worker refuse a body the door answered 200.
 */
function entryIdOf(entry: JsonObject): string {
  if (typeof entry.id === 'string') return entry.id;
  if (typeof entry.id === 'number' && Number.isFinite(entry.id)) return String(entry.id);
  return '';
}

/**
 * Splits one Meta webhook body into single events — each message, each status (id + status:
 * Meta sends sent/delivered/read for one wamid), each preference change — so each is logged,
 * deduplicated and processed on its own. Each event keeps Meta's envelope with exactly one
 * item, so a worker reads it with the same parser it would use for a whole body.
 */
export function splitWhatsAppBody(body: JsonObject): IncomingEvent[] {
  const events: IncomingEvent[] = [];
  for (const entry of listOf(body.entry)) {
    const entryId = entryIdOf(entry);
    for (const change of listOf(entry.changes)) {
      const field = typeof change.field === 'string' ? change.field : '';
      const value = isObject(change.value) ? change.value : {};
      const { messages, statuses, user_preferences: preferences, ...rest } = value;
      const single = (item: JsonObject) => ({ object: body.object, entry: [{ id: entryId, changes: [{ field, value: item }] }] }) as Prisma.InputJsonValue;
      let found = 0;
      for (const message of listOf(messages)) {
        found++;
        const id = typeof message.id === 'string' && message.id !== '' ? message.id : hashKey(message);
        events.push({ webhookType: 'whatsapp_message', externalId: externalKey([id]), payload: single({ ...rest, messages: [message] }) });
      }
      for (const status of listOf(statuses)) {
        found++;
        events.push({
          webhookType: 'whatsapp_status',
          externalId: externalKey([status.id, status.status]),
          payload: single({ ...rest, statuses: [status] }),
        });
      }
      for (const preference of listOf(preferences)) {
        found++;
        events.push({
          webhookType: 'whatsapp_preference',
          externalId: externalKey([preference.wa_id, preference.category, preference.value, preference.timestamp]),
          payload: single({ ...rest, user_preferences: [preference] }),
        });
      }
      if (found === 0) {
        // Account updates, errors without a message, templates' status…: kept for the audit trail.
        // Keyed by the id as received, so a redelivery keeps the key it had before ids were coerced.
        events.push({ webhookType: 'whatsapp_event', externalId: hashKey({ entry: entry.id, change }), payload: single(value) });
      }
    }
  }
  return dedupeWithinBody(events);
}

/** The same event twice in one body would make the log insert report it as a redelivery of itself. */
function dedupeWithinBody(events: IncomingEvent[]): IncomingEvent[] {
  const seen = new Set<string>();
  return events.filter((event) => {
    const key = `${event.webhookType}:${event.externalId}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
