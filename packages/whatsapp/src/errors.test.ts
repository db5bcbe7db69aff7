import { describe, expect, it } from 'vitest';
import { classifyGraphError, networkSendError, WhatsAppSendError } from './errors.js';

const graphError = (code: number, extra: Record<string, unknown> = {}) => ({
  error: { message: `(#${code}) whatever Meta says`, type: 'OAuthException', code, fbtrace_id: 'AbC123_x', ...extra },
});

describe('classifyGraphError', () => {
  it.each([
    [500, undefined, 'transient'],
    [503, '<html>Bad gateway</html>', 'transient'],
    [429, undefined, 'transient'],
    [undefined, undefined, 'transient'],
    [400, graphError(130429), 'transient'],
    [400, graphError(131056), 'transient'],
    [400, graphError(131057), 'transient'],
    [500, graphError(131000), 'transient'],
    [400, graphError(131000), 'transient'],
    [500, graphError(1), 'transient'],
    [400, graphError(2), 'transient'],
    [403, graphError(4), 'transient'],
    [400, graphError(80007), 'transient'],
    [400, graphError(131047), 'window_closed'],
    [400, graphError(100), 'permanent'],
    [400, graphError(131026), 'permanent'],
    [400, graphError(131050), 'permanent'],
    [400, graphError(131051), 'permanent'],
    [401, graphError(190), 'permanent'],
    [403, graphError(10), 'permanent'],
    [403, graphError(200), 'permanent'],
    [400, graphError(368), 'permanent'],
    [400, graphError(131031), 'permanent'],
    [400, graphError(132000), 'permanent'],
    [404, graphError(132001), 'permanent'],
    [400, graphError(999999), 'permanent'],
    [400, 'not json', 'permanent'],
  ])('HTTP %s with %j is %s', (status, body, kind) => {
    const error = classifyGraphError(status, body);
    expect(error).toBeInstanceOf(WhatsAppSendError);
    expect(error.kind).toBe(kind);
    expect(error.httpStatus).toBe(status);
  });

  it('treats a server error as transient even when it carries a permanent code', () => {
    expect(classifyGraphError(502, graphError(100)).kind).toBe('transient');
  });

  it('keeps code, subcode and fbtrace_id, and leaves Graph details out of the message', () => {
    const error = classifyGraphError(
      400,
      graphError(100, {
        message: '(#100) Invalid parameter +5511987654321 Oi Maria',
        error_subcode: 2494010,
        error_data: { details: 'Parameter text: Oi Maria, seu carrinho' },
      }),
    );
    expect(error).toMatchObject({ kind: 'permanent', code: 100, subcode: 2494010, fbtraceId: 'AbC123_x' });
    expect(error.message).toBe('WhatsApp send failed (permanent): Graph error 100 (invalid parameter), HTTP 400, subcode 2494010, fbtrace_id AbC123_x');
  });

  it('does not copy an fbtrace_id that is not an opaque token', () => {
    const error = classifyGraphError(400, graphError(190, { fbtrace_id: 'call +5511987654321' }));
    expect(error.fbtraceId).toBeUndefined();
    expect(error.message).not.toContain('5511987654321');
  });

  it('names the Graph error type for a code it does not know', () => {
    expect(classifyGraphError(400, graphError(999999)).message).toContain('Graph error 999999 (OAuthException)');
  });
});

describe('networkSendError', () => {
  it('says a timeout is a timeout', () => {
    const cause = new DOMException('The operation was aborted due to timeout', 'TimeoutError');
    const error = networkSendError(cause, 250);
    expect(error).toMatchObject({ kind: 'transient', httpStatus: undefined, code: undefined });
    expect(error.message).toContain('within 250 ms');
    expect(error.cause).toBe(cause);
  });

  it('names the socket error code behind fetch', () => {
    const cause = new TypeError('fetch failed', { cause: Object.assign(new Error('refused'), { code: 'ECONNREFUSED' }) });
    expect(networkSendError(cause, 10_000).message).toContain('(ECONNREFUSED)');
  });
});
