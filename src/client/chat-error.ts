import { TransportError } from '../transport/transport-error.js';
import type { ChatError } from './chat-state.js';

/** Turns whatever went wrong into a sentence a visitor can read; never a stack trace. */
export function toChatError(error: unknown): ChatError {
  if (!(error instanceof TransportError)) {
    return { kind: 'server', message: 'Something went wrong. Please try again.' };
  }
  switch (error.kind) {
    case 'network':
      return { kind: 'network', message: 'You appear to be offline. We will keep trying.' };
    case 'rate_limit':
      return { kind: 'rate_limit', message: 'Too many requests. Please wait a moment.' };
    case 'invalid_response':
      return { kind: 'invalid_response', message: 'The support server sent an answer we could not read.' };
    case 'http':
      return error.retryable
        ? { kind: 'server', message: 'The support server is having trouble. We will keep trying.' }
        : { kind: 'rejected', message: error.message };
  }
}
