import { describe, expect, it } from 'vitest';
import { toGraphBody, WhatsAppMessageError, type OutboundMessage } from './messages.js';

const TO = '+5511987654321';
const SECRET_TEXT = 'Oi Maria, seu carrinho espera por você';

function expectRejected(message: OutboundMessage, pattern: RegExp): WhatsAppMessageError {
  let caught: unknown;
  try {
    toGraphBody(message);
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(WhatsAppMessageError);
  const error = caught as WhatsAppMessageError;
  expect(error.message).toMatch(pattern);
  expect(error.message).not.toContain('5511987654321');
  return error;
}

const buttons = (count: number) => Array.from({ length: count }, (_, index) => ({ id: `b${index}`, title: `Opção ${index}` }));

describe('toGraphBody', () => {
  it('defaults preview_url to false and strips the plus from the recipient', () => {
    expect(toGraphBody({ kind: 'text', to: TO, text: 'Olá' })).toEqual({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: '5511987654321',
      type: 'text',
      text: { body: 'Olá', preview_url: false },
    });
  });

  it('sends a template without variables without a components array', () => {
    expect(toGraphBody({ kind: 'template', to: TO, name: 'hello_world', language: 'en_US', bodyParameters: [] })).toEqual({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: '5511987654321',
      type: 'template',
      template: { name: 'hello_world', language: { code: 'en_US' } },
    });
  });

  it('keeps only the URL button component when there are no body parameters', () => {
    const body = toGraphBody({
      kind: 'template',
      to: TO,
      name: 'sara_carrinho_abandonado',
      language: 'pt_BR',
      bodyParameters: [],
      urlButtonParameter: 'c/abc123',
    });
    expect((body.template as { components: unknown }).components).toEqual([
      { type: 'button', sub_type: 'url', index: '0', parameters: [{ type: 'text', text: 'c/abc123' }] },
    ]);
  });

  it('accepts the limits exactly and counts an emoji as one character', () => {
    expect(() => toGraphBody({ kind: 'text', to: TO, text: 'x'.repeat(4096) })).not.toThrow();
    expect(() =>
      toGraphBody({
        kind: 'interactive',
        to: TO,
        bodyText: 'y'.repeat(1024),
        buttons: [{ id: 'a'.repeat(256), title: `${'t'.repeat(19)}🛒` }, ...buttons(2)],
      }),
    ).not.toThrow();
  });

  it('rejects a text body over 4096 characters without quoting it', () => {
    const error = expectRejected({ kind: 'text', to: TO, text: SECRET_TEXT + 'x'.repeat(4096) }, /4096/);
    expect(error.message).not.toContain('Maria');
  });

  it('rejects an empty text body', () => {
    expectRejected({ kind: 'text', to: TO, text: '   ' }, /must not be empty/);
  });

  it.each([
    ['a button body over 1024', { bodyText: 'y'.repeat(1025), buttons: buttons(1) }, /1024/],
    ['four buttons', { bodyText: 'ok', buttons: buttons(4) }, /1 to 3 reply buttons, got 4/],
    ['no buttons', { bodyText: 'ok', buttons: [] }, /got 0/],
    ['a 21-character title', { bodyText: 'ok', buttons: [{ id: 'a', title: 't'.repeat(21) }] }, /title is 21 characters.*20/],
    [
      'a duplicated id',
      {
        bodyText: 'ok',
        buttons: [
          { id: 'a', title: 'Sim' },
          { id: 'a', title: 'Não' },
        ],
      },
      /unique/,
    ],
  ])('rejects an interactive message with %s', (_name, fields, pattern) => {
    expectRejected({ kind: 'interactive', to: TO, ...fields }, pattern);
  });

  it.each([
    ['without the plus', '5511987654321'],
    ['with spaces', '+55 11 98765 4321'],
    ['too long', '+5511987654321000'],
  ])('rejects a recipient %s and does not echo it', (_name, to) => {
    expectRejected({ kind: 'text', to, text: 'Olá' }, /E\.164/);
  });

  it.each([
    ['a new line', { bodyParameters: ['Maria\nSilva'] }, /\{\{1\}\}.*new lines/],
    ['five spaces', { bodyParameters: ['ok', 'a     b'] }, /\{\{2\}\}.*consecutive spaces/],
    ['an empty parameter', { bodyParameters: [''] }, /must not be empty/],
    ['an empty URL suffix', { bodyParameters: [], urlButtonParameter: '' }, /URL button parameter must not be empty/],
    ['an uppercase name', { bodyParameters: [], name: 'Sara_Cart' }, /template name/],
    ['a bad language', { bodyParameters: [], language: 'portuguese' }, /language/],
  ])('rejects a template with %s', (_name, fields, pattern) => {
    const base = { kind: 'template', to: TO, name: 'sara_carrinho_abandonado', language: 'pt_BR' } as const;
    expectRejected({ ...base, ...fields }, pattern);
  });

  it('rejects an unknown kind arriving from an untyped job payload', () => {
    expectRejected({ kind: 'image', to: TO } as unknown as OutboundMessage, /unknown message kind "image"/);
  });
});
