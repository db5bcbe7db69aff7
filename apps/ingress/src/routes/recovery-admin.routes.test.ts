import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { TEST_SECRETS } from '../test-support/ingress-harness.js';
import { TEST_RECOVERY_DEFAULTS, TEST_TEMPLATES } from '../test-support/test-recovery.js';
import { useIngressHarness } from '../test-support/use-ingress-harness.js';

const { app, prisma } = useIngressHarness();
const AUTH = `Bearer ${TEST_SECRETS.ADMIN_API_KEY}`;
const WEEK_SECONDS = 604_800;

const get = (path: string) => request(app).get(path).set('Authorization', AUTH);
const put = (path: string, body: unknown) =>
  request(app)
    .put(path)
    .set('Authorization', AUTH)
    .send(body as object);

const step = (delaySeconds: unknown, template: unknown = 'sara_lembrete') => ({ delaySeconds, template });

function expectInvalid(response: request.Response, field?: string): void {
  expect(response.status).toBe(400);
  expect(response.body.error.code).toBe('VALIDATION_ERROR');
  if (field !== undefined) expect(response.body.error.details.field).toBe(field);
}

describe('the admin token', () => {
  it.each([
    ['GET', '/admin/sequences'],
    ['PUT', '/admin/sequences/cart'],
    ['DELETE', '/admin/sequences/cart'],
    ['GET', '/admin/settings'],
    ['PUT', '/admin/settings'],
  ])('is required by %s %s', async (method, path) => {
    const response =
      method === 'GET'
        ? await request(app).get(path)
        : method === 'DELETE'
          ? await request(app).delete(path)
          : await request(app)
              .put(path)
              .send({ steps: [step(0)] });
    expect(response.status).toBe(401);
    expect(response.body.error.code).toBe('UNAUTHORIZED');
    expect(await prisma.recoverySequence.count()).toBe(0);
  });
});

describe('GET and PUT /admin/sequences', () => {
  it('lists the five kinds with their shipped defaults until the shop changes one', async () => {
    const response = await get('/admin/sequences');
    expect(response.status).toBe(200);
    const sequences = response.body.sequences as { kind: string; steps: { delaySeconds: number; template: string }[]; custom: boolean }[];
    expect(sequences.map((sequence) => [sequence.kind, sequence.steps.map((each) => each.delaySeconds), sequence.custom])).toEqual([
      ['cart', [0, 3_600, 86_400], false],
      ['pix_generated', [0, 7_200], false],
      ['pix_expired', [0, 86_400], false],
      ['boleto_printed', [0, 86_400, 172_800], false],
      ['boleto_expired', [0, 86_400], false],
    ]);
    // Step 1 of each kind is the template Sara always sent first.
    expect(sequences.find((sequence) => sequence.kind === 'cart')?.steps[0]?.template).toBe(TEST_TEMPLATES.abandonment);
    expect(sequences.find((sequence) => sequence.kind === 'pix_generated')?.steps[0]?.template).toBe(TEST_TEMPLATES.paymentPending);
  });

  it('stores a valid sequence, answers with it and lists it as the shop’s own', async () => {
    const steps = [step(0, 'sara_carrinho_abandonado'), step(900, 'sara_lembrete'), step(WEEK_SECONDS, 'sara_ultima_chance')];
    const response = await put('/admin/sequences/cart', { steps });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ kind: 'cart', steps, custom: true });

    const listed = (await get('/admin/sequences')).body.sequences as { kind: string; custom: boolean }[];
    expect(listed.find((sequence) => sequence.kind === 'cart')).toEqual({ kind: 'cart', steps, custom: true });
    expect(listed.filter((sequence) => sequence.custom).map((sequence) => sequence.kind)).toEqual(['cart']);
    expect((await prisma.recoverySequence.findUniqueOrThrow({ where: { kind: 'cart' } })).steps).toEqual(steps);
  });

  it('DELETE puts a kind back on its shipped default and leaves the other kinds as the shop set them', async () => {
    await put('/admin/sequences/cart', { steps: [step(0, 'sara_carrinho_abandonado'), step(10)] });
    await put('/admin/sequences/pix_generated', { steps: [step(0, 'sara_pix')] });
    const reset = await request(app).delete('/admin/sequences/cart').set('Authorization', AUTH);
    expect(reset.status).toBe(200);
    expect(reset.body).toMatchObject({ kind: 'cart', custom: false });
    expect(reset.body.steps.map((each: { delaySeconds: number }) => each.delaySeconds)).toEqual([0, 3_600, 86_400]);
    expect((await prisma.recoverySequence.findMany()).map((row) => row.kind)).toEqual(['pix_generated']);
    // Resetting a kind that has no row of its own is the same answer, not an error.
    expect((await request(app).delete('/admin/sequences/cart').set('Authorization', AUTH)).body).toEqual(reset.body);
    expectInvalid(await request(app).delete('/admin/sequences/boleto_pago').set('Authorization', AUTH), 'kind');
  });

  it.each([
    ['no steps', 'steps', 'cart', { steps: [] }],
    ['six steps', 'steps', 'cart', { steps: [0, 1, 2, 3, 4, 5].map((delay) => step(delay)) }],
    ['delays not strictly increasing', 'steps[2].delaySeconds', 'cart', { steps: [step(0), step(60), step(60)] }],
    ['a delay going back', 'steps[1].delaySeconds', 'cart', { steps: [step(600), step(60)] }],
    ['a delay over 7 days', 'steps[1].delaySeconds', 'cart', { steps: [step(0), step(WEEK_SECONDS + 1)] }],
    ['a negative delay', 'steps[0].delaySeconds', 'cart', { steps: [step(-1)] }],
    ['a delay that is not whole seconds', 'steps[0].delaySeconds', 'cart', { steps: [step(1.5)] }],
    ['a template name Meta would refuse', 'steps[0].template', 'cart', { steps: [step(0, 'Lembrete Carrinho')] }],
    ['a template that is not a string', 'steps[0].template', 'cart', { steps: [step(0, 42)] }],
    ['an unknown kind', 'kind', 'boleto_pago', { steps: [step(0)] }],
  ])('answers 400 VALIDATION_ERROR to %s, naming %s', async (_case, field, kind, body) => {
    expectInvalid(await put(`/admin/sequences/${kind}`, body), field);
    expect(await prisma.recoverySequence.count()).toBe(0);
  });
});

describe('GET and PUT /admin/settings', () => {
  it('shows the installation’s defaults until the API changes them', async () => {
    const response = await get('/admin/settings');
    expect(response.status).toBe(200);
    expect(response.body).toEqual(TEST_RECOVERY_DEFAULTS);
  });

  it('changes only the fields sent, and accepts quiet hours across midnight and none at all', async () => {
    const first = await put('/admin/settings', { quietHours: { start: '21:00', end: '08:00' }, holdoutPercent: 10 });
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ ...TEST_RECOVERY_DEFAULTS, quietHours: { start: '21:00', end: '08:00' }, holdoutPercent: 10 });

    const second = await put('/admin/settings', { maxTemplatesPerBuyerPer24h: 3 });
    const expected = { ...TEST_RECOVERY_DEFAULTS, quietHours: { start: '21:00', end: '08:00' }, holdoutPercent: 10, maxTemplatesPerBuyerPer24h: 3 };
    expect(second.body).toEqual(expected);
    expect((await get('/admin/settings')).body).toEqual(expected);

    const none = await put('/admin/settings', { quietHours: null });
    expect(none.status).toBe(200);
    expect((await get('/admin/settings')).body).toEqual({ ...expected, quietHours: null });
    expect(await prisma.recoverySettings.findUniqueOrThrow({ where: { id: 1 } })).toMatchObject({ holdoutPercent: 10, maxTemplatesPerBuyerPer24h: 3 });
  });

  it('accepts a holdout of 0 and of 50 percent, and a cap of 1', async () => {
    expect((await put('/admin/settings', { holdoutPercent: 50, maxTemplatesPerBuyerPer24h: 1 })).body).toMatchObject({
      holdoutPercent: 50,
      maxTemplatesPerBuyerPer24h: 1,
    });
    expect((await put('/admin/settings', { holdoutPercent: 0 })).body).toMatchObject({ holdoutPercent: 0, maxTemplatesPerBuyerPer24h: 1 });
  });

  it.each([
    ['quiet hours that start when they end', 'quietHours', { quietHours: { start: '22:00', end: '22:00' } }],
    ['an hour that is not HH:MM', 'quietHours', { quietHours: { start: '9:00', end: '18:00' } }],
    ['an hour past 23:59', 'quietHours', { quietHours: { start: '24:00', end: '08:00' } }],
    ['quiet hours with extra keys', 'quietHours', { quietHours: { start: '21:00', end: '08:00', zone: 'America/Manaus' } }],
    ['quiet hours as a string', 'quietHours', { quietHours: '21:00-08:00' }],
    ['a holdout over 50 percent', 'holdoutPercent', { holdoutPercent: 51 }],
    ['a negative holdout', 'holdoutPercent', { holdoutPercent: -1 }],
    ['a cap of 0', 'maxTemplatesPerBuyerPer24h', { maxTemplatesPerBuyerPer24h: 0 }],
    ['a time zone that does not exist', 'timezone', { timezone: 'America/Atlantida' }],
  ])('answers 400 VALIDATION_ERROR to %s, naming %s', async (_case, field, body) => {
    expectInvalid(await put('/admin/settings', body), field);
    expect(await prisma.recoverySettings.count()).toBe(0);
  });

  it('answers 400 VALIDATION_ERROR to an unknown field, even beside a valid one, and to an empty body', async () => {
    const unknown = await put('/admin/settings', { holdoutPercent: 5, quietHour: null });
    expectInvalid(unknown, 'quietHour');
    expect(unknown.body.error.details.reason).toBe('is not a setting (settings: quietHours, timezone, maxTemplatesPerBuyerPer24h, holdoutPercent)');
    expectInvalid(await put('/admin/settings', {}));
    expect(await prisma.recoverySettings.count()).toBe(0);
    expect((await get('/admin/settings')).body).toEqual(TEST_RECOVERY_DEFAULTS);
  });
});
