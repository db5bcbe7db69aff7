import { randomUUID } from 'node:crypto';
import { loadWhatsAppFixture } from './meta.js';

type Json = Record<string, any>;

/**
 * A real Meta body from the fixtures, re-addressed: sent by `phone` (digits, as Meta writes
 * it), with a fresh wamid and timestamp, so one fixture can play many distinct messages.
 */
export function fixtureMessage(file: string, name: string, options: { phone: string; at?: Date; wamid?: string }): { body: Json; wamid: string } {
  const body = structuredClone(loadWhatsAppFixture(file, name)) as Json;
  const wamid = options.wamid ?? `wamid.${randomUUID()}`;
  const message = body.entry[0].changes[0].value.messages[0];
  message.from = options.phone.replace(/^\+/, '');
  message.id = wamid;
  message.timestamp = String(Math.floor((options.at ?? new Date()).getTime() / 1_000));
  return { body, wamid };
}

/** The fixture's text message carrying `text`. */
export function textMessage(phone: string, text: string, at?: Date): { body: Json; wamid: string } {
  const message = fixtureMessage('message.json', 'text', { phone, ...(at ? { at } : {}) });
  message.body.entry[0].changes[0].value.messages[0].text.body = text;
  return message;
}

/** A status fixture about one of Sara's messages. */
export function fixtureStatus(name: string, wamid: string, phone: string): Json {
  const body = structuredClone(loadWhatsAppFixture('message_status.json', name)) as Json;
  const status = body.entry[0].changes[0].value.statuses[0];
  status.id = wamid;
  status.recipient_id = phone.replace(/^\+/, '');
  return body;
}

export function fixturePreference(name: 'stop' | 'resume', phone: string): Json {
  const body = structuredClone(loadWhatsAppFixture('user_marketing_preferences.json', 'resume')) as Json;
  const preference = body.entry[0].changes[0].value.user_preferences[0];
  preference.wa_id = phone.replace(/^\+/, '');
  preference.value = name;
  preference.detail = name === 'stop' ? 'User requested to stop marketing messages' : 'User requested to resume marketing messages';
  preference.timestamp = Math.floor(Date.now() / 1_000) + Math.floor(Math.random() * 1_000);
  return body;
}
