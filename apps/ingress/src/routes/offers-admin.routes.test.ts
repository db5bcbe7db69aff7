import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import request from 'supertest';
import { truncateAll } from '../../../../test/support/database.js';
import { PHOTO_COURSE_OFFER as OFFER } from '../../../../test/support/offers.js';
import { createIngressHarness, TEST_SECRETS } from '../test-support/ingress-harness.js';

const harness = createIngressHarness();
const { app, prisma } = harness;
const AUTH = `Bearer ${TEST_SECRETS.ADMIN_API_KEY}`;

const put = (productId: string, body: unknown) =>
  request(app)
    .put(`/admin/offers/${encodeURIComponent(productId)}`)
    .set('Authorization', AUTH)
    .send(body as object);

beforeEach(() => truncateAll(prisma));
afterAll(() => harness.close());

describe('PUT /admin/offers/:productId', () => {
  it('creates the offer with its FAQ and answers with what was stored', async () => {
    const response = await put('prod_foto', OFFER);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ productId: 'prod_foto', ...OFFER, active: true });
    expect(response.body.createdAt).toEqual(expect.any(String));
    const row = await prisma.productOffer.findUniqueOrThrow({ where: { productId: 'prod_foto' } });
    expect(row.faq).toEqual(OFFER.faq);
    expect(row.discountPercent?.toNumber()).toBe(OFFER.discountPercent);
  });

  it('replaces the whole offer: fields left out go back to their defaults', async () => {
    await put('prod_foto', OFFER);
    const response = await put('prod_foto', { productName: 'Novo nome', paymentLink: 'https://pay.example.com/novo' });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ productName: 'Novo nome', discountLink: null, discountPercent: null, faq: [], active: true });
    expect(await prisma.productOffer.count()).toBe(1);
  });

  it('trims texts and keeps only the question and answer of each entry', async () => {
    const response = await put('p1', { ...OFFER, faq: [{ question: '  Tem app?  ', answer: ' Sim. ', extra: 'dropped' }] });
    expect(response.body.faq).toEqual([{ question: 'Tem app?', answer: 'Sim.' }]);
  });

  it.each([
    ['productName', { ...OFFER, productName: '' }],
    ['paymentLink', { ...OFFER, paymentLink: 'http://pay.example.com/plain' }],
    ['paymentLink', { ...OFFER, paymentLink: 'javascript:alert(1)' }],
    ['paymentLink', { ...OFFER, paymentLink: undefined }],
    ['discountLink', { ...OFFER, discountLink: 'ftp://pay.example.com' }],
    ['discountPercent', { ...OFFER, discountPercent: 91 }],
    ['discountPercent', { ...OFFER, discountPercent: -1 }],
    ['discountPercent', { ...OFFER, discountPercent: 'dez' }],
    ['active', { ...OFFER, active: 'yes' }],
    ['faq', { ...OFFER, faq: 'not a list' }],
    ['faq', { ...OFFER, faq: Array.from({ length: 101 }, (_, i) => ({ question: `p${i}`, answer: 'r' })) }],
    ['faq[0].question', { ...OFFER, faq: [{ question: 'x'.repeat(1_001), answer: 'r' }] }],
    ['faq[0].answer', { ...OFFER, faq: [{ question: 'p', answer: '' }] }],
    ['faq[1]', { ...OFFER, faq: [{ question: 'p', answer: 'r' }, 'texto solto'] }],
  ])('answers 400 VALIDATION_ERROR naming %s', async (field, body) => {
    const response = await put('prod_foto', body);
    expect(response.status).toBe(400);
    expect(response.body.error).toMatchObject({ code: 'VALIDATION_ERROR' });
    expect(response.body.error.details.errors.map((error: { field: string }) => error.field)).toContain(field);
    expect(await prisma.productOffer.count()).toBe(0);
  });

  it('accepts exactly 100 entries of 1,000 characters, and 0 and 90 percent', async () => {
    const faq = Array.from({ length: 100 }, (_, i) => ({ question: `${i} ${'q'.repeat(990)}`, answer: 'a'.repeat(1_000) }));
    expect((await put('big', { ...OFFER, faq, discountPercent: 90 })).status).toBe(200);
    expect((await put('zero', { ...OFFER, discountPercent: 0 })).body.discountPercent).toBe(0);
  });

  it('answers 400 to a body that is not JSON, and 401 without the admin key', async () => {
    const notJson = await request(app).put('/admin/offers/p').set('Authorization', AUTH).set('Content-Type', 'application/json').send('{"productName":');
    expect(notJson.status).toBe(400);
    expect(notJson.body.error.code).toBe('VALIDATION_ERROR');
    const anonymous = await request(app).put('/admin/offers/p').send(OFFER);
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.error.code).toBe('UNAUTHORIZED');
  });
});

describe('GET and DELETE /admin/offers', () => {
  it('lists offers with pagination and filters by state', async () => {
    await put('b', OFFER);
    await put('a', { ...OFFER, active: false });
    const all = await request(app).get('/admin/offers').set('Authorization', AUTH);
    expect(all.status).toBe(200);
    expect(all.body.offers.map((offer: { productId: string }) => offer.productId)).toEqual(['a', 'b']);
    expect(all.body.pagination).toEqual({ limit: 50, offset: 0, total: 2 });
    const active = await request(app).get('/admin/offers?active=true&limit=1').set('Authorization', AUTH);
    expect(active.body).toMatchObject({ total: 1, offers: [{ productId: 'b', faq: OFFER.faq }] });
    expect((await request(app).get('/admin/offers?active=maybe').set('Authorization', AUTH)).status).toBe(400);
  });

  it('reads one offer, and answers 404 OFFER_NOT_FOUND for an unknown product', async () => {
    await put('prod/foto 1', OFFER);
    const found = await request(app)
      .get(`/admin/offers/${encodeURIComponent('prod/foto 1')}`)
      .set('Authorization', AUTH);
    expect(found.body).toMatchObject({ productId: 'prod/foto 1', faq: OFFER.faq });
    const missing = await request(app).get('/admin/offers/nope').set('Authorization', AUTH);
    expect(missing.status).toBe(404);
    expect(missing.body.error).toMatchObject({ code: 'OFFER_NOT_FOUND', details: { productId: 'nope' } });
  });

  it('deactivates on DELETE and keeps the row; an unknown product is 404', async () => {
    await put('prod_foto', OFFER);
    const deleted = await request(app).delete('/admin/offers/prod_foto').set('Authorization', AUTH);
    expect(deleted.status).toBe(200);
    expect(deleted.body).toMatchObject({ productId: 'prod_foto', active: false, faq: OFFER.faq });
    expect(await prisma.productOffer.count({ where: { active: false } })).toBe(1);
    expect((await request(app).delete('/admin/offers/nope').set('Authorization', AUTH)).status).toBe(404);
  });
});
