import request from 'supertest';
import { afterAll, describe, expect, it } from 'vitest';
import { createIngressHarness } from '../test-support/ingress-harness.js';

const METRICS_TOKEN = 'test-metrics-token-0123456789';

describe('GET /metrics with METRICS_TOKEN set', () => {
  const harness = createIngressHarness({ env: { METRICS_TOKEN } });
  afterAll(() => harness.close());

  it('answers the scraper that holds the token', async () => {
    const response = await request(harness.app).get('/metrics').set('Authorization', `Bearer ${METRICS_TOKEN}`);
    expect(response.status).toBe(200);
    expect(response.text).toContain('sara_');
  });

  it.each([
    ['no header', undefined],
    ['a wrong token', `Bearer ${METRICS_TOKEN}x`],
    ['a prefix of the token', `Bearer ${METRICS_TOKEN.slice(0, -1)}`],
    ['another scheme', `Basic ${METRICS_TOKEN}`],
  ])('refuses %s with 401 in the error format', async (_label, authorization) => {
    const call = request(harness.app).get('/metrics');
    const response = await (authorization ? call.set('Authorization', authorization) : call);
    expect(response.status).toBe(401);
    expect(response.headers['www-authenticate']).toContain('Bearer');
    expect(response.body.error).toMatchObject({ code: 'UNAUTHORIZED', details: {} });
    expect(response.body.error.traceId).toEqual(expect.any(String));
    expect(response.text).not.toContain('sara_');
  });
});

describe('GET /metrics without METRICS_TOKEN', () => {
  const harness = createIngressHarness();
  afterAll(() => harness.close());

  it('stays open, for a port kept off the public route', async () => {
    expect((await request(harness.app).get('/metrics')).status).toBe(200);
  });
});
