import { TransportError } from '../transport/transport-error.js';
import type { Transport } from '../transport/transport.js';
import type { Capabilities } from '../transport/wire-types.js';

/**
 * Reads the backend's capabilities once, when first needed. Null is a plain backend: the
 * transport has no `getCapabilities`, or the backend answered an error (404 on production).
 * Only a network failure is not an answer: the next caller asks again.
 */
export function capabilitiesReader(transport: Transport): () => Promise<Capabilities | null> {
  let read: Promise<Capabilities | null> | undefined;
  return () =>
    (read ??= (transport.getCapabilities?.() ?? Promise.resolve(null)).catch((error: unknown) => {
      if (error instanceof TransportError && error.kind === 'network') read = undefined;
      return null;
    }));
}
