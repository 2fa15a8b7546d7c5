/** The reference server's defaults (REFERENCE-API.md); each can be overridden. */
export interface ServerConfig {
  projectId: string;
  widgetToken: string;
  apiKey: string;
  identitySecret: string;
}

export const defaultConfig: ServerConfig = {
  projectId: '1',
  widgetToken: 'demo-widget-token',
  apiKey: 'demo-api-key',
  identitySecret: 'demo-identity-secret',
};
