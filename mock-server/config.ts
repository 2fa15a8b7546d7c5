import { LIVE_STREAM } from '../contract/limits.js';

/**
 * How the server behaves: `reference` implements every extension of the contract;
 * `posthog` behaves like PostHog's production backend (REFERENCE-API.md, "What a production
 * backend does"), quirks included, so that the widget can be tested against it.
 */
export const FLAVORS = ['reference', 'posthog'] as const;
export type Flavor = (typeof FLAVORS)[number];

/** The reference server's defaults (REFERENCE-API.md); each can be overridden. */
export interface ServerConfig {
  projectId: string;
  widgetToken: string;
  apiKey: string;
  /** A team key that reads everything (the live stream too) and is refused (403) on every write. */
  readApiKey: string;
  identitySecret: string;
  /**
   * Host names the widget may be used on: `*.example.com` covers its subdomains and the
   * apex, `*` any host. Sends and restores check the page's host (Origin, else Referer).
   */
  allowedDomains: string[];
  flavor: Flavor;
  /**
   * Whether `/api/_dev/*` exists (404 otherwise). On in the browser and under `setupServer`;
   * the standalone server turns it off when it listens beyond loopback without `--dev`.
   */
  devEndpoints?: boolean;
  /** How often an open live stream gets a `: ping` comment (`--stream-heartbeat-ms`). */
  streamHeartbeatMs: number;
  /** How long a webhook receiver has to answer a try (`--webhook-timeout-ms`). */
  webhookTimeoutMs: number;
  /** The waits before each retry of a failed webhook delivery, in store time (5 tries in all). */
  webhookRetryDelaysMs: readonly number[];
}

export const DEFAULT_ALLOWED_DOMAINS = ['localhost', '127.0.0.1'];

export const defaultConfig: ServerConfig = {
  projectId: '1',
  widgetToken: 'demo-widget-token',
  apiKey: 'demo-api-key',
  readApiKey: 'demo-read-key',
  identitySecret: 'demo-identity-secret',
  allowedDomains: DEFAULT_ALLOWED_DOMAINS,
  flavor: 'reference',
  devEndpoints: true,
  streamHeartbeatMs: LIVE_STREAM.heartbeatMs,
  webhookTimeoutMs: 5000,
  webhookRetryDelaysMs: [1000, 4000, 16_000, 64_000],
};

/** `--allowed-domains a.example,*.b.example`: a list; empty means the default. */
export function parseAllowedDomains(list: string | undefined): string[] {
  const domains = (list ?? '')
    .split(',')
    .map((d) => d.trim())
    .filter(Boolean);
  return domains.length ? domains : DEFAULT_ALLOWED_DOMAINS;
}
