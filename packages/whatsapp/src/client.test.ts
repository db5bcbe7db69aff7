import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { graphTemplate, graphTemplateMessage } from '../../../test/support/graph-bodies.js';
import { GraphWhatsAppClient } from './client.js';
import { WhatsAppSendError } from './errors.js';
import type { OutboundMessage } from './messages.js';
import { FakeGraphServer, type GraphFailure } from './test-support/fake-graph-server.js';

const TOKEN = 'EAAG-test-token';
const PHONE_NUMBER_ID = '109876543210987';
const TO = '+5511987654321';
const TEXT = 'Oi Maria, seu carrinho espera por você';

const server = new FakeGraphServer({ accessToken: TOKEN });
let client: GraphWhatsAppClient;

beforeAll(async () => {
  await server.start();
  client = new GraphWhatsAppClient({ apiUrl: server.url, phoneNumberId: PHONE_NUMBER_ID, accessToken: TOKEN });
});
afterAll(() => server.stop());
beforeEach(() => server.reset());

async function sendFailing(message: OutboundMessage, via: GraphWhatsAppClient = client): Promise<WhatsAppSendError> {
  const outcome = await via.send(message).then(
    () => undefined,
    (error: unknown) => error,
  );
  expect(outcome).toBeInstanceOf(WhatsAppSendError);
  const error = outcome as WhatsAppSendError;
  expect(error.message).not.toContain('5511987654321');
  expect(error.message).not.toContain('Maria');
  return error;
}

describe('GraphWhatsAppClient on the wire', () => {
  it('POSTs a text message with the bearer token and returns the wamid Graph gave', async () => {
    const result = await client.send({ kind: 'text', to: TO, text: TEXT, previewUrl: true });

    expect(server.requests).toHaveLength(1);
    const [request] = server.requests;
    expect(request).toMatchObject({
      method: 'POST',
      path: `/v23.0/${PHONE_NUMBER_ID}/messages`,
      authorization: `Bearer ${TOKEN}`,
      contentType: 'application/json',
    });
    expect(request?.body).toEqual({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: '5511987654321',
      type: 'text',
      text: { body: TEXT, preview_url: true },
    });
    expect(result.wamid).toMatch(/^wamid\.[A-Za-z0-9+/=]{20,}$/);
    const second = await client.send({ kind: 'text', to: TO, text: TEXT });
    expect(second.wamid).not.toBe(result.wamid);
  });

  it('POSTs a template with body parameters and the URL button suffix', async () => {
    await client.send({
      kind: 'template',
      to: TO,
      name: 'sara_carrinho_abandonado',
      language: 'pt_BR',
      bodyParameters: ['Maria', 'Curso de Fotografia'],
      urlButtonParameter: 'c/abc123',
    });

    expect(server.sent()).toEqual([
      graphTemplateMessage(
        '5511987654321',
        graphTemplate(
          'sara_carrinho_abandonado',
          ['Maria', 'Curso de Fotografia'],
          [{ type: 'button', sub_type: 'url', index: '0', parameters: [{ type: 'text', text: 'c/abc123' }] }],
        ),
      ),
    ]);
  });

  it('POSTs interactive reply buttons', async () => {
    await client.send({
      kind: 'interactive',
      to: TO,
      bodyText: 'Quer ajuda para concluir a compra?',
      buttons: [
        { id: 'help_yes', title: 'Sim, quero' },
        { id: 'help_no', title: 'Agora não' },
      ],
    });

    expect(server.sent()).toEqual([
      {
        messaging_product: 'whatsapp',
        recipient_type: 'individual',
        to: '5511987654321',
        type: 'interactive',
        interactive: {
          type: 'button',
          body: { text: 'Quer ajuda para concluir a compra?' },
          action: {
            buttons: [
              { type: 'reply', reply: { id: 'help_yes', title: 'Sim, quero' } },
              { type: 'reply', reply: { id: 'help_no', title: 'Agora não' } },
            ],
          },
        },
      },
    ]);
  });

  it('tolerates a trailing slash on the API URL', async () => {
    const slashed = new GraphWhatsAppClient({ apiUrl: `${server.url}/`, phoneNumberId: PHONE_NUMBER_ID, accessToken: TOKEN });
    await slashed.send({ kind: 'text', to: TO, text: TEXT });
    expect(server.requests[0]?.path).toBe(`/v23.0/${PHONE_NUMBER_ID}/messages`);
  });
});

describe('GraphWhatsAppClient failures', () => {
  it.each<[string, string, GraphFailure, number | undefined]>([
    ['HTTP 500', 'transient', { status: 500 }, 500],
    ['throughput limit 130429', 'transient', { status: 400, code: 130429, message: '(#130429) Rate limit hit' }, 400],
    ['window closed 131047', 'window_closed', { status: 400, code: 131047, message: 'Re-engagement message' }, 400],
    ['expired token 190', 'permanent', { status: 401, code: 190, subcode: 463, message: 'Session has expired' }, 401],
    ['invalid parameter 100', 'permanent', { status: 400, code: 100, message: `(#100) Invalid parameter ${TO}` }, 400],
    ['undeliverable 131026', 'permanent', { status: 400, code: 131026, message: 'Message undeliverable' }, 400],
    ['dropped connection', 'transient', 'drop-connection', undefined],
  ])('classifies %s as %s', async (_name, kind, failure, httpStatus) => {
    server.failNext(1, failure);
    const error = await sendFailing({ kind: 'text', to: TO, text: TEXT });
    expect(error.kind).toBe(kind);
    expect(error.httpStatus).toBe(httpStatus);
    if (failure !== 'drop-connection') {
      expect(error.code).toBe(failure.code ?? 1);
      expect(error.subcode).toBe(failure.subcode);
      expect(error.fbtraceId).toMatch(/^[A-Za-z0-9_-]+$/);
    }
    // No retry inside the client: exactly one request per send.
    expect(server.requests).toHaveLength(1);
  });

  it('rejects a wrong token with Graph 190 as permanent', async () => {
    const wrong = new GraphWhatsAppClient({ apiUrl: server.url, phoneNumberId: PHONE_NUMBER_ID, accessToken: 'stale' });
    const error = await sendFailing({ kind: 'text', to: TO, text: TEXT }, wrong);
    expect(error).toMatchObject({ kind: 'permanent', code: 190, httpStatus: 401 });
  });

  it('gives up on a slow answer after timeoutMs as transient', async () => {
    server.delayMs = 2_000;
    const impatient = new GraphWhatsAppClient({ apiUrl: server.url, phoneNumberId: PHONE_NUMBER_ID, accessToken: TOKEN, timeoutMs: 100 });
    const started = Date.now();
    const error = await sendFailing({ kind: 'text', to: TO, text: TEXT }, impatient);
    expect(Date.now() - started).toBeLessThan(1_500);
    expect(error).toMatchObject({ kind: 'transient', httpStatus: undefined });
    expect(error.message).toContain('within 100 ms');
  });

  it('reports a refused connection as transient', async () => {
    const closed = await new FakeGraphServer().start();
    const url = closed.url;
    await closed.stop();
    const nowhere = new GraphWhatsAppClient({ apiUrl: url, phoneNumberId: PHONE_NUMBER_ID, accessToken: TOKEN });
    const error = await sendFailing({ kind: 'text', to: TO, text: TEXT }, nowhere);
    expect(error.kind).toBe('transient');
    expect(error.message).toContain('ECONNREFUSED');
  });

  it('treats a 2xx without a message id as permanent, since a retry could send twice', async () => {
    server.failNext(1, { status: 200, code: 131000 });
    const error = await sendFailing({ kind: 'text', to: TO, text: TEXT });
    expect(error).toMatchObject({ kind: 'permanent', httpStatus: 200 });
  });

  it('serves scripted failures in order, then succeeds', async () => {
    server.failNext(1, { status: 503 });
    server.failNext(1, { status: 400, code: 131047 });
    expect((await sendFailing({ kind: 'text', to: TO, text: TEXT })).kind).toBe('transient');
    expect((await sendFailing({ kind: 'text', to: TO, text: TEXT })).kind).toBe('window_closed');
    await expect(client.send({ kind: 'text', to: TO, text: TEXT })).resolves.toHaveProperty('wamid');
    expect(server.sent()).toHaveLength(1);
  });

  it('keeps failing with respondAlways until reset', async () => {
    server.respondAlways({ status: 400, code: 131050 });
    expect((await sendFailing({ kind: 'text', to: TO, text: TEXT })).code).toBe(131050);
    expect((await sendFailing({ kind: 'text', to: TO, text: TEXT })).code).toBe(131050);
    server.reset();
    await expect(client.send({ kind: 'text', to: TO, text: TEXT })).resolves.toHaveProperty('wamid');
  });

  it.each<[string, OutboundMessage]>([
    ['text over 4096', { kind: 'text', to: TO, text: 'x'.repeat(4097) }],
    ['four buttons', { kind: 'interactive', to: TO, bodyText: TEXT, buttons: ['a', 'b', 'c', 'd'].map((id) => ({ id, title: id })) }],
    ['title over 20', { kind: 'interactive', to: TO, bodyText: TEXT, buttons: [{ id: 'a', title: 'Quero concluir a compra' }] }],
    ['button body over 1024', { kind: 'interactive', to: TO, bodyText: 'x'.repeat(1025), buttons: [{ id: 'a', title: 'Sim' }] }],
    ['recipient without plus', { kind: 'text', to: '5511987654321', text: TEXT }],
  ])('rejects %s as permanent before any request', async (_name, message) => {
    const error = await sendFailing(message);
    expect(error.kind).toBe('permanent');
    expect(error.message).toContain('invalid message');
    expect(server.requests).toHaveLength(0);
  });
});
