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

/** Sorts whatever went wrong into a kind and a code; the words are the locale's. Never a stack trace. */
export function toChatError(error: unknown): ChatError {
  const kind: keyof typeof codes = !(error instanceof TransportError)
    ? 'server'
    : error.kind !== 'http'
      ? error.kind
      : error.retryable
        ? 'server'
        : 'rejected';
  return { kind, code: codes[kind] };
}
