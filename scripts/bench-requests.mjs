// `npm run bench:requests [-- --seconds N]`: how many widget API requests per minute the widget
// makes on the demo page (in-browser reference server, default poll intervals: 5 s open, 30 s
// closed), with the panel closed, with it open, and with three tabs of the site.
// Counts every request to /api/conversations/v1/widget/ that the pages make.
import { spawn } from 'node:child_process';
import { chromium } from 'playwright';
import { CHROMIUM_ARGS, HOW_TO_GET_A_BROWSER, findChromium } from './find-browser.mjs';

const secondsArg = process.argv.indexOf('--seconds');
const SECONDS = secondsArg > 0 ? Number(process.argv[secondsArg + 1]) : 60;
const PORT = 5199;
const BASE = `http://127.0.0.1:${PORT}/`;

const executablePath = await findChromium();
if (!executablePath) {
  console.error(HOW_TO_GET_A_BROWSER);
  process.exit(1);
}

const vite = spawn(new URL('../node_modules/.bin/vite', import.meta.url).pathname, ['--port', String(PORT), '--strictPort'], {
  stdio: 'ignore',
});
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
try {
  for (let i = 0; ; i++) {
    if (
      await fetch(BASE).then(
        (r) => r.ok,
        () => false,
      )
    )
      break;
    if (i > 100) throw new Error('the demo server did not start');
    await sleep(100);
  }
  const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
  try {
    const results = [];
    for (const [label, tabs, open] of [
      ['closed, one tab', 1, false],
      ['open, one tab', 1, true],
      ['closed, three tabs', 3, false],
      ['open in one of three tabs', 3, true],
    ]) {
      results.push([label, await measure(browser, tabs, open)]);
    }
    console.log(`\nWidget API requests per minute (measured over ${SECONDS} s each):`);
    for (const [label, perMinute] of results) console.log(`  ${label.padEnd(28)} ${perMinute.toFixed(1)}`);
  } finally {
    await browser.close();
  }
} finally {
  vite.kill();
}

/** Opens `tabs` pages of the demo (one conversation already started), then counts requests. */
async function measure(browser, tabs, open) {
  const context = await browser.newContext();
  let count = 0;
  context.on('request', (request) => {
    if (new URL(request.url()).pathname.startsWith('/api/conversations/v1/widget/')) count++;
  });
  const pages = [];
  for (let i = 0; i < tabs; i++) {
    const page = await context.newPage();
    await page.goto(BASE);
    await page.waitForFunction(() => document.querySelector('support-chat')?.isAvailable?.());
    pages.push(page);
  }
  // A conversation exists (else an open panel has no messages to poll), then the panel is set.
  await pages[0].evaluate(async (open) => {
    const chat = document.querySelector('support-chat');
    if (!chat.getCurrentTicketId()) await chat.sendMessage('Benchmark conversation');
    if (open) chat.openPanel();
    else chat.closePanel();
  }, open);
  await sleep(2000); // start-up requests are not the steady state
  count = 0;
  await sleep(SECONDS * 1000);
  const perMinute = (count * 60) / SECONDS;
  console.log(`${tabs} tab(s), panel ${open ? 'open' : 'closed'}: ${count} requests in ${SECONDS} s`);
  await context.close();
  return perMinute;
}
