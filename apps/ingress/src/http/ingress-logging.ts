import type { AppError } from '@sara/domain';
import { metrics } from '@sara/observability';
import type { Request } from 'express';

/** A buyer's phone is the identifier of /admin/buyers/:phone: it is logged as `:phone`, never as given. */
export function redactPath(path: string): string {
  return path.replace(/^(\/admin\/buyers\/)[^/]*/i, '$1:phone');
}

/** A webhook refused for its sender's fault (bad signature, bad body) counts as rejected. */
export function countRejectedWebhook(req: Request, error: AppError): void {
  const webhook = /^\/webhook\/(abandonment|payment|messages)$/.exec(req.path)?.[1];
  if (webhook && error.status < 500) metrics.webhooksReceived.inc({ type: webhook === 'messages' ? 'whatsapp' : webhook, outcome: 'rejected' });
}
