import { createHash } from 'node:crypto';
import { ZAbandonmentJobPayload, ZPaymentJobPayload } from '@sara/jobs';
import { NothingToDo, Rejected } from './fields.js';
import type { GatewayAdapter, GatewayContext, GatewayMapping, GatewayRequest } from './types.js';

export type UnderstoodEvent = {
  /** The platform's event name, or undefined when the body does not say. */
  name: string | undefined;
  /** `<platform>:<delivery id>`: the log's dedupe key for this delivery. */
  deliveryKey: string;
  mapping: GatewayMapping;
};

/** Reads one verified, parsed delivery with its platform's adapter. Never throws on bad data. */
export function understand(adapter: GatewayAdapter, body: unknown, request: GatewayRequest, context: GatewayContext): UnderstoodEvent {
  const name = safely(() => adapter.eventName(body, request));
  const id = safely(() => adapter.eventId(body, request));
  const deliveryKey = boundedKey(`${adapter.platform}:${id ?? `sha256:${createHash('sha256').update(request.rawBody).digest('hex')}`}`);
  if (!name) return { name, deliveryKey, mapping: { type: 'rejected', field: 'event', reason: `names no ${adapter.platform} event type` } };
  const handler = Object.hasOwn(adapter.events, name) ? adapter.events[name] : undefined;
  if (!handler) return { name, deliveryKey, mapping: { type: 'ignored', reason: `${name} is not an event Sara acts on` } };
  try {
    return { name, deliveryKey, mapping: checked(handler(body, { ...context, request })) };
  } catch (error) {
    if (error instanceof Rejected) return { name, deliveryKey, mapping: { type: 'rejected', field: error.field, reason: error.reason } };
    if (error instanceof NothingToDo) return { name, deliveryKey, mapping: { type: 'ignored', reason: error.message } };
    throw error;
  }
}

/** The mapped event must be what the workers accept: checked here, so a bad one is a 422 now, not a failed job later. */
function checked(mapping: GatewayMapping): GatewayMapping {
  if (mapping.type !== 'abandonment' && mapping.type !== 'payment') return mapping;
  const schema = mapping.type === 'abandonment' ? ZAbandonmentJobPayload : ZPaymentJobPayload;
  const result = schema.safeParse(mapping.event);
  if (result.success) return mapping;
  const issue = result.error.issues[0];
  return { type: 'rejected', field: issue?.path.join('.') || 'event', reason: issue?.message ?? 'is not a usable event' };
}

/** webhooks_log.external_id is varchar(255): a longer key is hashed, never truncated into a collision. */
export function boundedKey(key: string): string {
  return key.length <= 255 ? key : `sha256:${createHash('sha256').update(key).digest('hex')}`;
}

function safely<T>(read: () => T): T | undefined {
  try {
    return read();
  } catch {
    return undefined;
  }
}
