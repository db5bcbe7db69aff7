import { randomUUID } from 'node:crypto';

const SAFE_REQUEST_ID = /^[A-Za-z0-9._~:@/+=-]{1,128}$/;

/**
 * Honours a caller's X-Request-Id when it is a sane token (it ends up in logs, job data and
 * a varchar(128) column), otherwise mints a new one.
 */
export function resolveRequestId(header: string | string[] | undefined): string {
  const candidate = Array.isArray(header) ? header[0] : header;
  return candidate && SAFE_REQUEST_ID.test(candidate) ? candidate : randomUUID();
}
