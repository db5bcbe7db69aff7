import request from 'supertest';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { ConsoleHarness, PASSWORD } from '../test-support/console-harness.js';

const harness = new ConsoleHarness();
afterAll(() => harness.close());
beforeEach(() => harness.reset());

describe('console sessions', () => {
  it('logs in with e-mail and password: an HttpOnly SameSite cookie, the user and a CSRF token; never the hash', async () => {
    const operator = await harness.account('agent', 'Ana@Loja.test');
    const login = await request(harness.app).post('/api/session').send({ email: 'ana@loja.TEST', password: PASSWORD });
    expect(login.status).toBe(200);
    expect(login.body).toEqual({
      user: { id: operator.id, email: 'ana@loja.test', name: 'Ana Atendente', role: 'agent' },
      csrfToken: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    const cookie = String(login.headers['set-cookie']);
    expect(cookie).toMatch(/^sara_session=[\w-]{40,};/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    // The table holds a keyed hash of the token, not the token.
    const token = /^sara_session=([^;]+)/.exec(cookie)![1]!;
    const [stored] = await harness.prisma.operatorSession.findMany();
    expect(stored!.id).not.toBe(token);
    expect(JSON.stringify(login.body)).not.toContain('scrypt');
  });

  it('refuses a wrong password and an unknown e-mail alike, in the error format', async () => {
    const operator = await harness.account('agent');
    for (const attempt of [
      { email: operator.email, password: 'wrong password!!' },
      { email: 'nobody@loja.test', password: PASSWORD },
    ]) {
      const refused = await request(harness.app).post('/api/session').send(attempt);
      expect(refused.status).toBe(401);
      expect(refused.body.error).toMatchObject({ code: 'INVALID_CREDENTIALS', traceId: expect.any(String) });
      expect(refused.headers['set-cookie']).toBeUndefined();
    }
  });

  it('answers 400 naming the field for a body without an e-mail', async () => {
    const refused = await request(harness.app).post('/api/session').send({ password: PASSWORD });
    expect(refused.status).toBe(400);
    expect(refused.body.error).toMatchObject({ code: 'VALIDATION_ERROR', details: { field: 'email' } });
  });

  it('rate-limits failed logins from one address (429), while the right password still counted nothing', async () => {
    const operator = await harness.account('agent');
    // A success is not counted: an operator logging in all day is never locked out.
    for (let i = 0; i < 6; i++) expect((await request(harness.app).post('/api/session').send({ email: operator.email, password: PASSWORD })).status).toBe(200);
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++)
      statuses.push((await request(harness.app).post('/api/session').send({ email: operator.email, password: 'not the password' })).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
    const limited = await request(harness.app).post('/api/session').send({ email: operator.email, password: PASSWORD });
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe('RATE_LIMITED');
  });

  it('GET /api/session returns the user and token; 401 without a session', async () => {
    const { agent, csrfToken } = await harness.signIn('admin');
    const session = await agent.get('/api/session');
    expect(session.status).toBe(200);
    expect(session.body).toMatchObject({ user: { role: 'admin' }, csrfToken });
    const anonymous = await request(harness.app).get('/api/session');
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.error.code).toBe('UNAUTHORIZED');
  });

  it('logs out only with the CSRF token, and the session is gone everywhere', async () => {
    const { agent, csrfToken } = await harness.signIn('agent');
    expect((await agent.delete('/api/session')).status).toBe(403);
    const out = await agent.delete('/api/session').set('X-CSRF-Token', csrfToken);
    expect(out.status).toBe(204);
    expect(String(out.headers['set-cookie'])).toMatch(/Expires=Thu, 01 Jan 1970/);
    expect(await harness.prisma.operatorSession.count()).toBe(0);
    expect((await agent.get('/api/session')).status).toBe(401);
  });

  it('records logins, refused ones included, in the audit trail without the e-mail', async () => {
    const { operatorId } = await harness.signIn('agent');
    await request(harness.app).post('/api/session').send({ email: 'x@loja.test', password: 'nope nope nope' });
    await harness.settle();
    const rows = await harness.prisma.auditEvent.findMany({ where: { action: 'console.login' }, orderBy: { createdAt: 'asc' } });
    expect(rows.map((row) => [row.actor, row.outcome])).toEqual([
      [`operator:${operatorId}`, 200],
      ['unknown', 401],
    ]);
    expect(JSON.stringify(rows)).not.toContain('@loja.test');
  });
});
