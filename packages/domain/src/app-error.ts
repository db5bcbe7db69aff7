/** The closed set of codes of the API's error format (design section 6.2). */
export type AppErrorCode =
  | 'VALIDATION_ERROR'
  | 'HMAC_VERIFICATION_FAILED'
  | 'UNAUTHORIZED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'PAYLOAD_TOO_LARGE'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'RATE_LIMITED'
  | 'USER_OPTED_OUT'
  | 'CONVERSATION_NOT_FOUND'
  | 'OFFER_NOT_FOUND'
  | 'BUYER_NOT_FOUND'
  | 'PAYMENT_NOT_FOUND'
  | 'ABANDONMENT_NOT_FOUND'
  | 'PAYMENT_ALREADY_MATCHED'
  | 'ABANDONMENT_ALREADY_CONVERTED'
  | 'PAYMENT_AMOUNT_MISMATCH'
  | 'INVALID_CREDENTIALS'
  | 'CONVERSATION_CLOSED'
  | 'CONVERSATION_TAKEN'
  | 'TAKEOVER_REQUIRED'
  | 'SERVICE_WINDOW_CLOSED'
  | 'WEBHOOK_ALREADY_PROCESSED'
  | 'OPENAI_TIMEOUT'
  | 'WHATSAPP_API_ERROR'
  | 'DATABASE_ERROR'
  | 'SERVICE_UNAVAILABLE'
  | 'INTERNAL_ERROR';

export class AppError extends Error {
  readonly status: number;
  readonly details: Record<string, unknown> | undefined;
  /** Expected failures (bad input, bad signature) are not errors of Sara's: log them at warn. */
  readonly logLevel: 'warn' | 'error';

  constructor(
    readonly code: AppErrorCode,
    message: string,
    options: { status: number; details?: Record<string, unknown>; cause?: unknown },
  ) {
    super(message, { cause: options.cause });
    this.name = 'AppError';
    this.status = options.status;
    this.details = options.details;
    this.logLevel = options.status >= 500 ? 'error' : 'warn';
  }
}
