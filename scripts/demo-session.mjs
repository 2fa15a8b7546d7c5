// Shared by the screenshot and start-up benchmark scripts: the demo's dev server on a free
// port, and Chromium driven by Playwright.
import { chromium } from 'playwright';
import { createServer } from 'vite';
import { CHROMIUM_ARGS, HOW_TO_GET_A_BROWSER, findChromium } from './find-browser.mjs';

/** Starts the demo (as `npm start` does) and a browser; `close()` stops both. */
export async function startDemo() {
  const executablePath = await findChromium();
  if (!executablePath) {
    console.error(HOW_TO_GET_A_BROWSER);
    process.exit(1);
  }
  const server = await createServer({ logLevel: 'warn', server: { port: 0, host: '127.0.0.1' } });
  await server.listen();
  const { port } = server.httpServer.address();
  const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
  return {
    url: (path) => `http://127.0.0.1:${port}${path}`,
    browser,
    async close() {
      await browser.close();
      await server.close();
    },
  };
}
