import { TransportError } from '../transport/transport-error.js';
import type { ChatError, ChatErrorCode, ChatErrorKind } from './chat-state.js';

/** The code of each kind a transport failure can have (the other codes have reasons of their own). */
const codes = {
  network: 'offline',
  rate_limit: 'rate_limited',
  invalid_response: 'invalid_response',
  server: 'server_error',
  rejected: 'rejected',
} as const satisfies Partial<Record<ChatErrorKind, ChatErrorCode>>;

/** The refusals of an upload that have sentences of their own (REFERENCE-API.md "Attachments"). */
const uploadCodes: Record<number, ChatErrorCode> = { 413: 'attachment_too_large', 415: 'attachment_type' };

/** Sorts whatever went wrong into a kind and a code; the words are the locale's. Never a stack trace. */
export function toChatError(error: unknown): ChatError {
  if (error instanceof ChatFailure) return error.failure;
  const upload = error instanceof TransportError && error.kind === 'http' && uploadCodes[error.status!];
  if (upload) return { kind: 'rejected', code: upload };
  const kind: keyof typeof codes = !(error instanceof TransportError)
    ? 'server'
    : error.kind !== 'http'
      ? error.kind
      : error.retryable
        ? 'server'
        : 'rejected';
  return { kind, code: codes[kind] };
}

/** A failure the client itself found (a stored file gone), carried to the place that reports it. */
export class ChatFailure extends Error {
  constructor(readonly failure: ChatError) {
    super(`support-chat: ${failure.code}`);
  }
}
