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
