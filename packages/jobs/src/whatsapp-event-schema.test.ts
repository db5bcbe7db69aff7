import { describe, expect, it } from 'vitest';
import { ZWhatsAppEvent } from './schemas.js';

const event = (entry: Record<string, unknown>) => ({
  object: 'whatsapp_business_account',
  entry: [{ ...entry, changes: [{ field: 'messages', value: { messages: [{ id: 'wamid.X' }] } }] }],
});

describe('ZWhatsAppEvent', () => {
  // Rows logged before the ingress coerced the entry id still hold what Meta's body had.
  it.each([
    ['a string', { id: '102290129340398' }, '102290129340398'],
    ['a number', { id: 102290129340398 }, '102290129340398'],
    ['missing', {}, ''],
    ['null', { id: null }, ''],
  ])('reads an entry id that is %s as a string', (_name, entry, expected) => {
    expect(ZWhatsAppEvent.parse(event(entry)).entry[0]?.id).toBe(expected);
  });

  it('still refuses an entry id that is an object', () => {
    expect(ZWhatsAppEvent.safeParse(event({ id: { nested: true } })).success).toBe(false);
  });
});
