import { parseArgs } from 'node:util';
import { handlers } from '../handlers/index.js';
import { createHttpServer } from './server.js';

/** `npm run mock-server -- [--port N] [--host H]`: the reference server over HTTP. */
const { values } = parseArgs({
  options: {
    port: { type: 'string', default: process.env.PORT ?? '8787' },
    host: { type: 'string', default: process.env.HOST ?? '127.0.0.1' },
  },
});

const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`mock-server: --port must be a number from 0 to 65535, not "${values.port}"`);
  process.exit(2);
}

const server = createHttpServer(handlers);
server.on('error', (error: NodeJS.ErrnoException) => {
  console.error(
    error.code === 'EADDRINUSE'
      ? `mock-server: port ${port} is already in use; choose another with --port N`
      : `mock-server: ${error.message}`,
  );
  process.exit(1);
});
server.listen(port, values.host, () => {
  const address = server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  console.log(`Reference server listening on http://${values.host}:${actualPort}`);
});

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => server.close(() => process.exit(0)));
}
