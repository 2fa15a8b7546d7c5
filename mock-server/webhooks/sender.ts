/** What one try of a delivery came to: the receiver's status, or why there was none. */
export type TryResult = { status: number } | { error: string };

/** Sends one try; injectable, so that a test can play the network. */
export type WebhookSender = (url: string, body: string, headers: Record<string, string>, timeoutMs: number) => Promise<TryResult>;

/**
 * A POST with `fetch`: the same in Node and in the browser. In the browser it is the page
 * that sends, so the receiver must answer CORS (a preflight: the signature headers are not
 * simple ones), or every try counts as failed. Redirects are not followed: a receiver that
 * moved answers 3xx, which is not a delivery.
 */
export const fetchSender: WebhookSender = async (url, body, headers, timeoutMs) => {
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers,
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
    // Read (and drop) the answer so that the connection is freed; a huge one is cut off by the timeout.
    await response.arrayBuffer().catch(() => undefined);
    return { status: response.status };
  } catch (error) {
    const name = (error as Error).name;
    return {
      error:
        name === 'TimeoutError' || name === 'AbortError'
          ? `no answer in ${timeoutMs} ms`
          : (error as Error).message || 'network error',
    };
  }
};
