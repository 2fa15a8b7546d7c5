/** The reference server's defaults (REFERENCE-API.md); each can be overridden. */
export interface ServerConfig {
  projectId: string;
  widgetToken: string;
  apiKey: string;
  identitySecret: string;
  /** Host names the widget may be used on (`*.example.com` for subdomains); empty = all. */
  allowedDomains: string[];
}

export const defaultConfig: ServerConfig = {
  projectId: '1',
  widgetToken: 'demo-widget-token',
  apiKey: 'demo-api-key',
  identitySecret: 'demo-identity-secret',
  allowedDomains: [],
};
