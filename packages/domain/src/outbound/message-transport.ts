/**
 * The domain's side of sending a WhatsApp message. The Cloud API client and the sandbox in
 * `@sara/whatsapp` satisfy it structurally; the worker runtime plugs one in, so the domain
 * decides what may be sent without knowing how it leaves.
 */

/** What Sara sends. `to` is E.164 with the plus ("+5511999999999"), as stored everywhere else. */
export type OutboundMessage =
  | { kind: 'text'; to: string; text: string; previewUrl?: boolean }
  | { kind: 'template'; to: string; name: string; language: string; bodyParameters: string[]; urlButtonParameter?: string }
  | { kind: 'interactive'; to: string; bodyText: string; buttons: { id: string; title: string }[] };

export interface MessageTransport {
  /** Where messages go ("graph", "sandbox"): a label for logs and metrics. */
  readonly transport: string;
  send(message: OutboundMessage): Promise<{ wamid: string }>;
}

/** How a failed send should be treated: retried, given up because the 24 h window closed, or given up. */
export type SendFailureKind = 'transient' | 'window_closed' | 'permanent';

/** A transport's error that says what Meta answered; anything else counts as transient. */
export type ClassifiedSendFailure = Error & { kind: SendFailureKind; code: number | undefined; httpStatus: number | undefined };

const FAILURE_KINDS: ReadonlySet<unknown> = new Set<SendFailureKind>(['transient', 'window_closed', 'permanent']);

export function isClassifiedSendFailure(error: unknown): error is ClassifiedSendFailure {
  return error instanceof Error && FAILURE_KINDS.has((error as { kind?: unknown }).kind);
}
