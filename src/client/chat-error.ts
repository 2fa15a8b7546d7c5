import { TransportError } from '../transport/transport-error.js';
import type { ChatError } from './chat-state.js';

/** Sorts whatever went wrong into a kind and a code; the words are the locale's. Never a stack trace. */
export function toChatError(error: unknown): ChatError {
  if (!(error instanceof TransportError)) return { kind: 'server', code: 'server_error' };
  switch (error.kind) {
    case 'network':
      return { kind: 'network', code: 'offline' };
    case 'rate_limit':
      return { kind: 'rate_limit', code: 'rate_limited' };
    case 'invalid_response':
      return { kind: 'invalid_response', code: 'invalid_response' };
    case 'http':
      return error.retryable ? { kind: 'server', code: 'server_error' } : { kind: 'rejected', code: 'rejected' };
  }
}
