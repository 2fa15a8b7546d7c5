import { parseArgs } from 'node:util';
import { defaultConfig, FLAVORS, parseAllowedDomains, type Flavor, type ServerConfig } from '../config.js';
import { createHandlers } from '../handlers/index.js';
import { closeLiveStreams } from '../live/hub.js';
import { store } from '../store.js';
import { FileBlobs } from './file-blobs.js';
import { isLoopbackHost } from './loopback.js';
import { persistTo, type Persistence } from './persistence.js';
import { createHttpServer } from './server.js';

const USAGE = `Usage: npm run mock-server -- [options]

  --port N              port to listen on (env PORT; default 8787; 0 = any free port)
  --host H              address to listen on (env HOST; default 127.0.0.1)
  --data FILE           keep the state in FILE across restarts and crashes (env DATA_FILE);
                        every change is journaled to FILE.journal before it is answered,
                        attachments are kept in FILE.files/
  --project-id ID       (env PROJECT_ID; default ${defaultConfig.projectId})
  --token T             public widget token (env WIDGET_TOKEN; default ${defaultConfig.widgetToken})
  --api-key K           team personal API key (env API_KEY; default ${defaultConfig.apiKey})
  --read-api-key K      team API key that may only read (env READ_API_KEY; default ${defaultConfig.readApiKey})
  --identity-secret S   HMAC secret for verified identities (env IDENTITY_SECRET)
  --allowed-domains L   comma-separated hosts the widget may run on, *.example.com for subdomains
                        and the apex, * for any (env ALLOWED_DOMAINS; default ${defaultConfig.allowedDomains.join(',')})
  --flavor F            reference (every extension) or posthog (behaves like PostHog's production
                        backend: no extensions, its error shapes) (env FLAVOR; default reference)
  --dev                 serve /api/_dev/* (mailbox, reset, clock, chaos) even when --host is
                        not loopback, and to any Host header (env DEV=1); without it they are
                        on only for a loopback --host, and answer 404 elsewhere
  --stream-heartbeat-ms N  how often an open live stream gets a ': ping' comment
                        (env STREAM_HEARTBEAT_MS; default ${defaultConfig.streamHeartbeatMs})
  --webhook-timeout-ms N  how long a webhook receiver has to answer (env WEBHOOK_TIMEOUT_MS; default ${defaultConfig.webhookTimeoutMs})
  --webhook-retry-ms L  waits before each webhook retry, comma-separated ms (env WEBHOOK_RETRY_MS;
                        default ${defaultConfig.webhookRetryDelaysMs.join(',')}: 5 tries in all)
  --help                show this text`;

function fail(message: string, code = 2): never {
  console.error(`mock-server: ${message}`);
  process.exit(code);
}

let values;
try {
  ({ values } = parseArgs({
    options: {
      port: { type: 'string', default: process.env.PORT ?? '8787' },
      host: { type: 'string', default: process.env.HOST ?? '127.0.0.1' },
      data: { type: 'string', default: process.env.DATA_FILE },
      'project-id': { type: 'string', default: process.env.PROJECT_ID ?? defaultConfig.projectId },
      token: { type: 'string', default: process.env.WIDGET_TOKEN ?? defaultConfig.widgetToken },
      'api-key': { type: 'string', default: process.env.API_KEY ?? defaultConfig.apiKey },
      'read-api-key': { type: 'string', default: process.env.READ_API_KEY ?? defaultConfig.readApiKey },
      'webhook-timeout-ms': { type: 'string', default: process.env.WEBHOOK_TIMEOUT_MS ?? String(defaultConfig.webhookTimeoutMs) },
      'webhook-retry-ms': {
        type: 'string',
        default: process.env.WEBHOOK_RETRY_MS ?? defaultConfig.webhookRetryDelaysMs.join(','),
      },
      'identity-secret': { type: 'string', default: process.env.IDENTITY_SECRET ?? defaultConfig.identitySecret },
      'allowed-domains': { type: 'string', default: process.env.ALLOWED_DOMAINS ?? '' },
      flavor: { type: 'string', default: process.env.FLAVOR ?? defaultConfig.flavor },
      dev: { type: 'boolean', default: process.env.DEV === '1' },
      'stream-heartbeat-ms': {
        type: 'string',
        default: process.env.STREAM_HEARTBEAT_MS ?? String(defaultConfig.streamHeartbeatMs),
      },
      help: { type: 'boolean', default: false },
    },
  }));
} catch (error) {
  fail(`${(error as Error).message}\n\n${USAGE}`);
}
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}

const port = Number(values.port);
if (!/^\d+$/.test(values.port) || port > 65535) fail(`--port must be a number from 0 to 65535, not "${values.port}"`);

if (!(FLAVORS as readonly string[]).includes(values.flavor))
  fail(`--flavor must be one of ${FLAVORS.join(', ')}, not "${values.flavor}"`);

const heartbeatMs = Number(values['stream-heartbeat-ms']);
if (!/^\d+$/.test(values['stream-heartbeat-ms']) || heartbeatMs < 10 || heartbeatMs > 3_600_000) {
  fail(`--stream-heartbeat-ms must be a number of milliseconds from 10 to 3600000, not "${values['stream-heartbeat-ms']}"`);
}

const webhookTimeoutMs = Number(values['webhook-timeout-ms']);
if (!/^\d+$/.test(values['webhook-timeout-ms']) || webhookTimeoutMs < 10 || webhookTimeoutMs > 60_000) {
  fail(`--webhook-timeout-ms must be a number of milliseconds from 10 to 60000, not "${values['webhook-timeout-ms']}"`);
}
const retryList = values['webhook-retry-ms'].split(',').map((d) => d.trim());
if (retryList.length > 10 || !retryList.every((d) => /^\d{1,9}$/.test(d))) {
  fail(`--webhook-retry-ms must be up to 10 comma-separated numbers of milliseconds, not "${values['webhook-retry-ms']}"`);
}
if (values['read-api-key'] === values['api-key']) fail('--read-api-key must differ from --api-key');

const config: ServerConfig = {
  projectId: values['project-id'],
  widgetToken: values.token,
  apiKey: values['api-key'],
  readApiKey: values['read-api-key'],
  identitySecret: values['identity-secret'],
  allowedDomains: parseAllowedDomains(values['allowed-domains']),
  flavor: values.flavor as Flavor,
  // The dev endpoints read restore links and wipe state: on a reachable address, only on request.
  devEndpoints: values.dev || isLoopbackHost(values.host),
  streamHeartbeatMs: heartbeatMs,
  webhookTimeoutMs,
  webhookRetryDelaysMs: retryList.map(Number),
};

let persistence: Persistence | undefined;
if (values.data) {
  try {
    persistence = persistTo(store, values.data);
    const blobs = new FileBlobs(`${values.data}.files`);
    blobs.prune(new Set(store.data.attachments.map((a) => a.id)));
    store.blobs = blobs;
  } catch (error) {
    fail((error as Error).message, 1);
  }
}

const server = createHttpServer(createHandlers(store, config), {
  devLoopbackHostOnly: !values.dev,
  beforeWrite: persistence?.beforeWrite,
});
server.on('error', (error: NodeJS.ErrnoException) => {
  fail(
    error.code === 'EADDRINUSE'
      ? `port ${port} is already in use; stop the other server or choose another with --port N`
      : error.code === 'EACCES'
        ? `no permission to listen on port ${port}; choose one above 1023 with --port N`
        : error.message,
    1,
  );
});
server.listen(port, values.host, () => {
  const address = server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  const where =
    (values.data ? ` (data in ${values.data})` : '') + (config.flavor === 'reference' ? '' : ` (flavor ${config.flavor})`);
  console.log(`Reference server listening on http://${values.host}:${actualPort}${where}`);
  if (!config.devEndpoints)
    console.log('mock-server: /api/_dev/* is off on a non-loopback --host (start with --dev to serve it)');
});

const dataFile = values.data;

/** Stops taking requests, ends the live streams, lets the requests in flight finish, saves the data, and exits. */
function shutdown(signal: string) {
  console.log(`mock-server: ${signal} received, shutting down`);
  // A stream never ends by itself: end each (its client reconnects after `retry`), or `close` would wait for ever.
  closeLiveStreams(store);
  server.close(() => {
    try {
      persistence?.flush();
    } catch (error) {
      // The journal still holds every acknowledged change; the next start replays it.
      console.error(`mock-server: could not write ${dataFile} on shutdown (${(error as Error).message})`);
      process.exit(1);
    }
    process.exit(0);
  });
  // Keep-alive connections would hold `close` open: end the idle ones now, the rest soon.
  server.closeIdleConnections();
  setTimeout(() => server.closeAllConnections(), 2000).unref();
}
process.once('SIGINT', () => shutdown('SIGINT'));
process.once('SIGTERM', () => shutdown('SIGTERM'));
