// `npm run bench:startup [-- --runs N]`: time from the widget's script starting to the
// launcher painted, on the demo page that loads only dist/support-chat.iife.js (a plain
// script tag, as sites add it). Each run is a fresh browser context: cold storage and cache.
// Prints each run and the median. Needs `npm run build` first.
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { startDemo } from './demo-session.mjs';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '15' } } });
const runs = Number(values.runs);
if (!existsSync('dist/support-chat.iife.js')) {
  console.error('bench-startup: dist/support-chat.iife.js is missing; run `npm run build` first.');
  process.exit(1);
}

/**
 * In the page: resolves with the time the launcher was first painted. It is looked for on
 * every animation frame; a message posted from the frame that finds it arrives after that
 * frame's paint.
 */
function watchLauncher() {
  window.launcherPainted = new Promise((resolve) => {
    const look = () => {
      const button = document
        .querySelector('support-chat')
        ?.shadowRoot?.querySelector('support-chat-launcher')
        ?.shadowRoot?.querySelector('button');
      if (button && button.getBoundingClientRect().width > 0) {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => resolve(performance.now());
        channel.port2.postMessage(null);
      } else requestAnimationFrame(look);
    };
    requestAnimationFrame(look);
  });
}

const demo = await startDemo();
const results = [];
try {
  for (let i = 0; i < runs; i++) {
    const context = await demo.browser.newContext();
    const page = await context.newPage();
    await page.addInitScript(watchLauncher);
    await page.goto(demo.url('/iife.html'));
    const { painted, scriptStart } = await page.evaluate(async () => {
      const painted = await window.launcherPainted;
      const script = performance.getEntriesByType('resource').find((e) => e.name.endsWith('/support-chat.iife.js'));
      // The script runs as soon as it has arrived (it is parser-blocking): that is its start.
      return { painted, scriptStart: script.responseEnd };
    });
    results.push(painted - scriptStart);
    console.log(`run ${i + 1}: ${(painted - scriptStart).toFixed(1)} ms (page load to paint ${painted.toFixed(1)} ms)`);
    await context.close();
  }
} finally {
  await demo.close();
}
const sorted = [...results].sort((a, b) => a - b);
const median =
  sorted.length % 2 ? sorted[(sorted.length - 1) / 2] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
console.log(
  `startup: script start → launcher painted, median of ${runs}: ${median.toFixed(1)} ms (min ${sorted[0].toFixed(1)}, max ${sorted.at(-1).toFixed(1)})`,
);
