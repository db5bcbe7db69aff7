import { describe, expect, it } from 'vitest';
import request from 'supertest';
import { TEST_SECRETS } from '../test-support/ingress-harness.js';
import { useIngressHarness } from '../test-support/use-ingress-harness.js';
import { MAX_OFFSET } from '@sara/admin-api';

const harness = useIngressHarness();
const { app, prisma } = harness;
const AUTH = `Bearer ${TEST_SECRETS.ADMIN_API_KEY}`;

async function seedConversation() {
  const user = await prisma.user.create({ data: { phoneNumber: '+5511987654321', name: 'João' } });
  const abandonment = await prisma.abandonment.create({ data: { userId: user.id, externalId: 'abn_query', productId: 'prod_1', value: '10.00' } });
  const conversation = await prisma.conversation.create({ data: { abandonmentId: abandonment.id, userId: user.id, status: 'active' } });
  return `/conversations/${conversation.id}`;
}

/** Every admin route that answers a page, as a function of a conversation that exists. */
const LIST_ROUTES: [string, () => Promise<string>][] = [
  ['sandbox messages', async () => '/sandbox/messages'],
  ['a conversation', seedConversation],
  ['failed jobs', async () => '/admin/queues/abandonment-received/failed'],
  ['payments', async () => '/admin/payments'],
  ['offers', async () => '/admin/offers'],
];

const get = (path: string) => request(app).get(path).set('Authorization', AUTH);

function expectValidationOf(response: request.Response, field: string) {
  expect(response.status).toBe(400);
  expect(response.body.error).toMatchObject({ code: 'VALIDATION_ERROR', details: { field } });
  expect(response.body.error.message).toMatch(new RegExp(`^${field}: `));
}

describe.each(LIST_ROUTES)('admin pagination of %s', (_name, pathOf) => {
  it.each(['limit', 'offset'])('a repeated %s is a 400 naming it, not a 500', async (field) => {
    const response = await get(`${await pathOf()}?${field}=1&${field}=2`);
    expectValidationOf(response, field);
    expect(response.body.error.details.reason).toBe('must be given once');
  });

  it.each(['99999999999999999999', String(MAX_OFFSET + 1), '1e3', '-1', '0x10'])('offset=%s is a 400 naming offset', async (offset) => {
    expectValidationOf(await get(`${await pathOf()}?offset=${offset}`), 'offset');
  });

  it('the largest offset allowed answers an empty page', async () => {
    const response = await get(`${await pathOf()}?offset=${MAX_OFFSET}&limit=500`);
    expect(response.status).toBe(200);
  });
});

describe('other admin query parameters given twice', () => {
  it.each([
    ['/admin/payments?status=matched&status=review', 'status'],
    ['/admin/offers?active=true&active=false', 'active'],
  ])('%s is a 400 naming %s', async (path, field) => {
    expectValidationOf(await get(path), field);
  });
});
