import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createRequire } from 'node:module';

export type ExpressRequest = IncomingMessage & { body: unknown };
export type ExpressResponse = ServerResponse & { json(body: unknown): void; status(code: number): ExpressResponse };
export type Handler = (req: ExpressRequest, res: ExpressResponse, next: (error?: unknown) => void) => void | Promise<void>;
export type ExpressApp = {
  disable(setting: string): void;
  use(handler: Handler): void;
  post(path: string, ...handlers: Handler[]): void;
  listen(port: number, host: string, callback: () => void): Server;
};
type Express = (() => ExpressApp) & { raw(options: { type: () => boolean; limit: string }): Handler };

/** Express 5 as apps/ingress has it: it is that app's dependency, not the workspace root's. */
export function loadExpress(): Express {
  return createRequire(new URL('../../apps/ingress/package.json', import.meta.url))('express') as Express;
}

/** Listens on a free loopback port and prints the ready line BenchProcess waits for. */
export function listenAndAnnounce(app: ExpressApp, message: string): Server {
  const server = app.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
    const address = server.address();
    console.log(JSON.stringify({ msg: message, port: typeof address === 'object' && address ? address.port : undefined }));
  });
  process.once('SIGTERM', () => {
    server.close(() => process.exit(0));
    server.closeAllConnections();
  });
  return server;
}

/** A variable a reference process cannot run without, named when missing. */
export function requireEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
}

/**
 * The reference processes' front door, the least Sara's ingress must do before any work: POST
 * /webhook/abandonment with its raw body, the HMAC-SHA256 of `secret` checked (403 otherwise),
 * then `accept` with the verified bytes.
 */
export function signedWebhookApp(secret: string, accept: (raw: Buffer, res: ExpressResponse) => Promise<void>): ExpressApp {
  const express = loadExpress();
  const app = express();
  app.disable('x-powered-by');
  app.disable('etag');
  app.post('/webhook/abandonment', express.raw({ type: () => true, limit: '1mb' }), async (req, res) => {
    const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const header = /^sha256=([0-9a-f]{64})$/i.exec(String(req.headers['x-hub-signature-256'] ?? ''));
    if (!header?.[1] || !timingSafeEqual(createHmac('sha256', secret).update(raw).digest(), Buffer.from(header[1], 'hex'))) {
      res.status(403).json({ error: 'signature' });
      return;
    }
    await accept(raw, res);
  });
  return app;
}
