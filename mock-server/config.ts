/** The reference server's defaults (REFERENCE-API.md); each can be overridden. */
export interface ServerConfig {
  projectId: string;
  widgetToken: string;
  apiKey: string;
  identitySecret: string;
  /** Host names the widget may be used on (`*.example.com` for subdomains); empty = all. */
  allowedDomains: string[];
  /**
   * Whether `/api/_dev/*` exists (404 otherwise). On in the browser and under `setupServer`;
   * the standalone server turns it off when it listens beyond loopback without `--dev`.
   */
  devEndpoints?: boolean;
}

export const defaultConfig: ServerConfig = {
  projectId: '1',
  widgetToken: 'demo-widget-token',
  apiKey: 'demo-api-key',
  identitySecret: 'demo-identity-secret',
  allowedDomains: [],
  devEndpoints: true,
};
