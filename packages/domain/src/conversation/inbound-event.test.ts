import { describe, expect, it } from 'vitest';
import { hasFixtures, loadWhatsAppFixture } from '../../../../test/support/meta.js';
import { parseInboundEvent, type WhatsAppEventEnvelope } from './inbound-event.js';

const parse = (file: string, name: string) => parseInboundEvent(loadWhatsAppFixture(file, name) as WhatsAppEventEnvelope);

describe.skipIf(!hasFixtures)('parseInboundEvent over the real WhatsApp fixtures', () => {
  it.each([
    ['message.json', 'text', 'Body Text', 'ignore'],
    ['message.json', 'reply', 'replied text', 'ignore'],
    ['callback_button.json', 'quick_reply', 'title', 'ignore'],
    ['callback_button.json', 'button', 'title', 'ignore'],
    ['callback_selection.json', 'description', 'title', 'ignore'],
    ['message.json', 'image', undefined, 'ask_for_text'],
    ['message.json', 'voice', undefined, 'ask_for_text'],
    ['message.json', 'unsupported', undefined, 'ask_for_text'],
    ['message.json', 'static_sticker', undefined, 'ask_for_text'],
    ['message.json', 'reaction', undefined, 'ignore'],
    ['message.json', 'interactive_message_with_err', undefined, 'ignore'],
  ])('%s#%s → text %s, without text: %s', (file, name, text, withoutText) => {
    expect(parse(file, name)).toMatchObject({
      kind: 'message',
      phone: '+972987654321',
      wamid: expect.stringMatching(/^wamid\./),
      text,
      withoutText,
      system: false,
    });
  });

  it('marks system notices, which are never answered', () => {
    expect(parse('system.json', 'phone_number_change')).toMatchObject({ kind: 'message', system: true });
  });

  it('reads a failed status with its error code, and a read status with its time', () => {
    expect(parse('message_status.json', 'failed')).toMatchObject({ kind: 'status', status: 'failed', errorCode: 130472 });
    expect(parse('message_status.json', 'read')).toMatchObject({ kind: 'status', status: 'read', at: new Date(1689380458 * 1_000) });
  });

  it('reads a marketing preference change', () => {
    expect(parse('user_marketing_preferences.json', 'resume')).toMatchObject({
      kind: 'preference',
      value: 'resume',
      phone: '+16505551234',
      category: 'marketing_messages',
    });
  });
});
