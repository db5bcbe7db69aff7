import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { openConversation } from '../../../../test/support/conversation-fixture.js';
import { abandonment } from '../../../ingress/src/test-support/report-fixture.js';
import { redactPath } from '../http/console-logging.js';
import type { AuditListResponse, BuyerExport, BuyerSearchResponse, DailyReportResponse, OfferTestResponse, ReportView } from '../merchant-contract.js';
import { ConsoleHarness, type SignedIn } from '../test-support/console-harness.js';

const harness = new ConsoleHarness();
afterAll(() => harness.close());
beforeEach(() => harness.reset());

const send = (who: SignedIn, method: 'put' | 'post' | 'delete', path: string, body?: object) =>
  who.agent[method](path).set('X-CSRF-Token', who.csrfToken).send(body);

describe('Painel: the day-by-day chart', () => {
  const PERIOD = 'from=2026-11-01T00:00:00-03:00&to=2026-11-05T00:00:00-03:00';
  const day = (date: string, abandonments: number, contacted: number, recovered: number, recoveredRevenue: number, recoveryRate: number) => ({
    date,
    abandonments,
    contacted,
    recovered,
    recoveredRevenue,
    recoveryRate,
  });

  beforeEach(async () => {
    // 23:30 in São Paulo on 1 November is already 2 November in UTC.
    await abandonment(harness.prisma, { created: '2026-11-02T02:30:00Z', convertedAfter: 60, paid: 100, steps: [{ step: 1, at: 0 }] });
    await abandonment(harness.prisma, { created: '2026-11-02T12:00:00Z', steps: [{ step: 1, at: 0 }] });
    await abandonment(harness.prisma, { created: '2026-11-02T13:00:00Z', convertedAfter: 30, paid: 50.5 });
    await abandonment(harness.prisma, { created: '2026-11-04T10:00:00Z', cohort: 'control' });
    await abandonment(harness.prisma, { created: '2026-11-05T03:00:00Z', convertedAfter: 5, paid: 999 });
  });

  it("counts each abandonment on the shop's calendar day, every day listed, agreeing with the report", async () => {
    const agent = await harness.signIn('agent');
    const daily: DailyReportResponse = (await agent.agent.get(`/api/report/daily?${PERIOD}`)).body;

    expect(daily.days).toEqual([
      day('2026-11-01', 1, 1, 1, 100, 1),
      day('2026-11-02', 2, 1, 1, 50.5, 0.5),
      day('2026-11-03', 0, 0, 0, 0, 0),
      day('2026-11-04', 1, 0, 0, 0, 0),
    ]);
    const report: ReportView = (await agent.agent.get(`/api/report?${PERIOD}`)).body;
    expect(report).toMatchObject({ abandonments: 4, contacted: 2, recovered: 2, recoveredRevenue: 150.5 });
    expect(report.byKind.cart).toEqual({ abandonments: 4, contacted: 2, replied: 0, recovered: 2, recoveredRevenue: 150.5 });
    expect(report.holdout).toMatchObject({ control: { abandonments: 1 }, treatment: { abandonments: 3 }, liftCi95: [expect.any(Number), expect.any(Number)] });
  });

  it('follows the time zone of the settings', async () => {
    const admin = await harness.signIn('admin');
    expect((await send(admin, 'put', '/api/settings', { timezone: 'UTC' })).status).toBe(200);
    const daily: DailyReportResponse = (await admin.agent.get(`/api/report/daily?${PERIOD}`)).body;
    expect(daily.days.map((each) => [each.date, each.abandonments])).toEqual([
      ['2026-11-01', 0],
      ['2026-11-02', 3],
      ['2026-11-03', 0],
      ['2026-11-04', 1],
      ['2026-11-05', 0],
    ]);
    expect((await admin.agent.get('/api/report/daily?from=2026-11-05&to=2026-11-01')).body.error).toMatchObject({ details: { field: 'to' } });
  });
});

describe('Ofertas: "Testar"', () => {
  const offer = {
    productName: 'Curso de Confeitaria',
    paymentLink: 'https://pay.loja.example/confeitaria',
    faq: [
      { question: 'Quanto tempo tenho de acesso?', answer: 'O acesso é vitalício.' },
      { question: 'Tem certificado?', answer: 'Sim, você recebe o certificado digital ao concluir as aulas.' },
    ],
  };

  it('shows the entry Sara would use and her reply, storing and sending nothing', async () => {
    const admin = await harness.signIn('admin');
    const known: OfferTestResponse = (await send(admin, 'post', '/api/offers/test', { offer, question: 'O curso tem certificado?' })).body;
    expect(known.entry).toEqual({ index: 1, ...offer.faq[1] });
    expect(known.reply).toContain(offer.faq[1]!.answer);
    expect(known.reply).toContain(offer.paymentLink);

    const unknown: OfferTestResponse = (await send(admin, 'post', '/api/offers/test', { offer, question: 'Vocês aceitam bitcoin?' })).body;
    expect(unknown).toMatchObject({ entry: null, unanswered: true });
    expect(unknown.reply).toMatch(/confirmar com a nossa equipe/);
    expect(await harness.prisma.productOffer.count()).toBe(0);
    expect(await harness.prisma.message.count()).toBe(0);
  });

  it('validates the draft as PUT /offers does, naming the field under offer.', async () => {
    const admin = await harness.signIn('admin');
    const cases: [object, string][] = [
      [{ offer: { ...offer, paymentLink: 'http://pay.loja.example' }, question: 'Oi?' }, 'offer.paymentLink'],
      [{ offer: { ...offer, faq: [{ question: 'Tem certificado?' }] }, question: 'Oi?' }, 'offer.faq[0].answer'],
      [{ offer, question: '' }, 'question'],
      [{ question: 'Oi?' }, 'offer'],
    ];
    for (const [body, field] of cases) {
      const response = await send(admin, 'post', '/api/offers/test', body);
      expect(response.body.error, field).toMatchObject({ code: 'VALIDATION_ERROR', details: { field } });
    }
  });
});

describe('Compradores', () => {
  const PHONE = '+5511987654321';

  async function buyers() {
    const carla = await openConversation(harness.prisma, { phoneNumber: PHONE, name: 'Carla Souza' });
    await harness.prisma.abandonment.update({ where: { id: carla.abandonment.id }, data: { buyerEmail: 'carla.souza@loja.example' } });
    await openConversation(harness.prisma, { phoneNumber: '+5521911112222', name: 'Bruno Lima' });
    return carla;
  }

  it('finds a buyer by any part of the phone, the name or the e-mail, with the opt-out state', async () => {
    const admin = await harness.signIn('admin');
    await buyers();
    const search = async (q: string) =>
      ((await admin.agent.get(`/api/buyers?q=${encodeURIComponent(q)}`)).body as BuyerSearchResponse).buyers.map((row) => row.name);

    expect(await search('98765')).toEqual(['Carla Souza']);
    expect(await search('(11) 98765-4321')).toEqual(['Carla Souza']);
    expect(await search('4321')).toEqual(['Carla Souza']);
    expect(await search('bruno')).toEqual(['Bruno Lima']);
    expect(await search('souza@loja')).toEqual(['Carla Souza']);
    expect(await search('%_')).toEqual([]);
    const [carla] = ((await admin.agent.get('/api/buyers?q=carla')).body as BuyerSearchResponse).buyers;
    expect(carla).toMatchObject({
      phone: PHONE,
      email: 'carla.souza@loja.example',
      optedOut: false,
      optedOutAt: null,
      abandonments: 1,
      lastActivityAt: expect.any(String),
    });
    expect((await admin.agent.get('/api/buyers?q=a')).body.error).toMatchObject({ code: 'VALIDATION_ERROR', details: { field: 'q' } });
    expect((await admin.agent.get('/api/buyers')).body.error).toMatchObject({ code: 'VALIDATION_ERROR', details: { field: 'q' } });
  });

  it('exports the opt-out history with the farewell, downloads it as a file, then erases the buyer once', async () => {
    const admin = await harness.signIn('admin');
    const carla = await buyers();
    const optedOutAt = new Date('2026-11-03T15:00:00Z');
    await harness.prisma.user.update({ where: { id: carla.user.id }, data: { optedOut: true, optedOutAt, optedOutReason: 'keyword:parar' } });
    await harness.prisma.conversation.update({
      where: { id: carla.conversation.id },
      data: { status: 'closed', closedReason: 'opted_out', closedAt: optedOutAt },
    });
    const farewell = await harness.prisma.message.create({
      data: {
        conversationId: carla.conversation.id,
        fromSender: 'sara',
        messageText: 'Tudo bem, Carla. Você não vai mais receber mensagens nossas.',
        intent: 'opt_out_farewell',
        status: 'sent',
      },
    });

    const download = await admin.agent.get(`/api/buyers/${encodeURIComponent(PHONE)}?download=1`);
    expect(download.headers['content-disposition']).toBe('attachment; filename="sara-comprador.json"');
    const copy: BuyerExport = download.body;
    expect(copy.optOut).toMatchObject({
      optedOut: true,
      optedOutAt: optedOutAt.toISOString(),
      reason: 'keyword:parar',
      history: [
        {
          conversationId: carla.conversation.id,
          closedAt: optedOutAt.toISOString(),
          farewell: { messageId: farewell.id, status: 'sent', text: expect.stringContaining('Tudo bem') },
        },
      ],
    });
    expect((await admin.agent.get(`/api/buyers/${encodeURIComponent(PHONE)}`)).headers['content-disposition']).toBeUndefined();
    expect((await admin.agent.get('/api/buyers?q=carla')).body.buyers[0]).toMatchObject({ optedOut: true, optedOutReason: 'keyword:parar' });

    const erased = await send(admin, 'delete', `/api/buyers/${encodeURIComponent(PHONE)}`);
    expect(erased.body).toMatchObject({ status: 'erased', erased: { users: 1, abandonments: 1 }, tombstone: true });
    expect((await send(admin, 'delete', `/api/buyers/${encodeURIComponent(PHONE)}`)).body.error.code).toBe('BUYER_NOT_FOUND');
    expect((await admin.agent.get('/api/buyers?q=carla')).body.buyers).toEqual([]);
    expect(redactPath(`/api/buyers/${encodeURIComponent(PHONE)}`)).toBe('/api/buyers/:phone');
  });
});

describe('Auditoria', () => {
  it("filters by action (exact or a prefix), actor and period, and names the console's operators", async () => {
    const admin = await harness.signIn('admin');
    const offer = { productName: 'Curso', paymentLink: 'https://pay.loja.example/curso' };
    await send(admin, 'put', '/api/offers/curso', offer);
    await send(admin, 'put', '/api/offers/ebook', offer);
    await send(admin, 'put', '/api/settings', { holdoutPercent: 5 });
    await harness.settle();
    await harness.prisma.auditEvent.create({
      data: { actor: 'admin-api-key', action: 'offers.put', target: 'curso', outcome: 200, createdAt: new Date('2026-01-01T12:00:00Z') },
    });
    const list = async (query: string): Promise<AuditListResponse> => (await admin.agent.get(`/api/audit?${query}`)).body;

    expect((await list('action=console.offers.put')).events.map((event) => event.target)).toEqual(['ebook', 'curso']);
    expect((await list('action=console.offers.')).total).toBe(2);
    expect((await list('action=console.')).events.map((event) => event.action)).toEqual([
      'console.settings.put',
      'console.offers.put',
      'console.offers.put',
      'console.login',
    ]);
    const mine = await list(`actor=operator:${admin.operatorId}&action=console.settings.put`);
    expect(mine.events).toMatchObject([{ actor: `operator:${admin.operatorId}`, actorName: 'Beatriz Admin', action: 'console.settings.put', outcome: 200 }]);
    const january = await list('from=2026-01-01&to=2026-02-01');
    expect(january.events).toMatchObject([{ actor: 'admin-api-key', actorName: null, action: 'offers.put' }]);
    expect((await list('from=2026-02-01&to=2026-01-01')).events).toBeUndefined();
    expect((await admin.agent.get('/api/audit?actor=o%20p')).body.error).toMatchObject({ details: { field: 'actor' } });
  });
});
