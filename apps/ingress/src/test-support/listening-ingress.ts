import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll } from 'vitest';
import { createIngressHarness, type IngressHarness } from './ingress-harness.js';

/**
 * The real ingress on a free local port for one test file, so a client is tested over HTTP as it
 * reaches a running Sara. The fields are filled before the first test and closed after the last.
 */
export function useListeningIngress(): { harness: IngressHarness; url: string } {
  const ingress = { harness: undefined as unknown as IngressHarness, url: '' };
  let server: Server | undefined;
  beforeAll(async () => {
    ingress.harness = createIngressHarness();
    server = ingress.harness.app.listen(0);
    await once(server, 'listening');
    ingress.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
    await ingress.harness?.close();
  });
  return ingress;
}
