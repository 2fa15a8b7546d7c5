// Deterministic checks on the build: what a page pays for (gzip -9 budgets), that the panel
// file alone carries Lit, that no bundle carries the reference server (MSW) into a
// customer's page, that the built script tag works in Chromium under a strict CSP (panel
// loaded on open, window.SupportChat exposed), and that the committed custom-elements.json
// is the one the code produces.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { chromium } from 'playwright';
import { CHROMIUM_ARGS, findChromium } from './find-browser.mjs';
import { BESIDE, FIRST, LOCALES, pageLoad } from './page-load.mjs';
import { serveStatic } from './static-server.mjs';
import { checkReport } from './check-report.mjs';

/**
 * Bytes, gzip -9: what the script tag loads before the visitor opens the widget, and everything one
 * page can load. Issue 13's goals, 14,000 and 40,000, are NOT met, and these budgets only stop growth:
 * - First file: 26.6 kB before the client's conversation parts moved to dist/conversation-chunk.js,
 *   23.5 kB with this wave's hooks; 16.9 kB once it carried no Lit (the element is a HostElement
 *   drawing its frame by hand; Lit, @lit/context and the panel's English come with panel.js);
 *   16.1 kB since the HTTP transport's conversation requests and their checks of answers come
 *   with the conversation file (0.4 kB more in the sum: the delegation, and the guards shared by
 *   name; won back by the panel's components declaring their state without Lit's decorators).
 *   What is left is mostly the part of the client that keeps the unread count (session, storage,
 *   tab state and election, the ticket list's request): 14,000 needs it smaller still.
 * - Everything: moving Lit changed where it loads, not the sum. Attachments (3.8 kB), the rating,
 *   office hours, the title count and chime and the phone layout took the panel's part from
 *   6.7 kB to 14.9 kB; files of their own, loaded only when the backend offers them, would bring
 *   one page's load down, not the sum.
 */
export const FIRST_FILE_BUDGET = 15_300;
export const TOTAL_BUDGET = 49_100;
/** Each language's table (dist/locales/<name>.js). */
export const LOCALE_BUDGET = 2_100;
/** Loaded beside it on demand: the panel on first open, the client's conversation parts, formatted messages, other languages. */
export const LAZY = [...BESIDE, ...LOCALES];
const bundles = [FIRST, 'dist/support-chat.js', ...LAZY];

const checks = checkReport('bundle');
const { report } = checks;

const { first, locales, heaviest, total } = pageLoad();
report(first <= FIRST_FILE_BUDGET, `${FIRST}: ${first} bytes gzip (budget ${FIRST_FILE_BUDGET})`);
for (const { file, size } of locales) report(size <= LOCALE_BUDGET, `${file}: ${size} bytes gzip (budget ${LOCALE_BUDGET})`);
report(
  total <= TOTAL_BUDGET,
  `${FIRST} and all one page loads (panel.js, conversation-chunk.js, rich-content.js, its language: at most ${heaviest.file}): ${total} bytes gzip (budget ${TOTAL_BUDGET})`,
);

// Each piece of Lit registers its version on load: the panel file carries Lit, once on the page,
// and the first file and the conversation file carry none of it.
const LIT = ['reactiveElementVersions', 'litHtmlVersions', 'litElementVersions'];
const litPieces = {
  'dist/support-chat.iife.js': { has: [], lacks: LIT },
  'dist/panel.js': { has: LIT, lacks: [] },
  'dist/conversation-chunk.js': { has: [], lacks: LIT },
};
for (const [file, { has, lacks }] of Object.entries(litPieces)) {
  const text = readFileSync(file, 'utf8');
  const wrong = [...has.filter((marker) => !text.includes(marker)), ...lacks.filter((marker) => text.includes(marker))];
  report(
    wrong.length === 0,
    `${file}: ${has.length ? `its own Lit (${has.join(', ')})` : `no Lit (none of ${lacks.join(', ')})`}${wrong.length ? ` (wrong: ${wrong.join(', ')})` : ''}`,
  );
}

for (const file of bundles) {
  const text = readFileSync(file, 'utf8');
  const found = ['mockServiceWorker', 'setupWorker', 'msw/'].filter((marker) => text.includes(marker));
  report(found.length === 0, `${file}: no MSW code${found.length ? ` (found ${found.join(', ')})` : ''}`);
}

// The script tag in a browser: the unit tests run the sources, where the panel is a module of
// its own; only here do the built halves meet through the shared-module registry.
const executablePath = await findChromium();
if (!executablePath) report(false, 'the built script in Chromium (no Chromium found)');
else {
  const server = await serveStatic();
  const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage();
    const problems = [];
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('console', (message) => message.type() === 'error' && problems.push(message.text()));
    await page.goto(server.url('/scripts/pages/check.html'));
    const exposed = await page.evaluate(() =>
      Object.keys(window.SupportChat ?? {})
        .sort()
        .join(', '),
    );
    const wanted = ['HttpTransport', 'IndexedDbStorage', 'MemoryStorage', 'SupportChat', 'SupportChatClient', 'TransportError'];
    report(
      wanted.every((name) => exposed.split(', ').includes(name)),
      `window.SupportChat exposes ${wanted.join(', ')} (has: ${exposed})`,
    );
    const shown = await page.evaluate(async () => {
      const { el } = await window.memoryWidget(window.historyMessages(120));
      document.body.append(el);
      const deep = (root, selector) => {
        for (const child of root.querySelectorAll('*')) {
          if (child.matches(selector)) return child;
          const inner = child.shadowRoot && deep(child.shadowRoot, selector);
          if (inner) return inner;
        }
      };
      const newest = () =>
        !!deep(document, 'li')?.closest('ol') &&
        !![...(el.shadowRoot.querySelector('support-chat-message-list')?.shadowRoot?.querySelectorAll('li') ?? [])]
          .at(-1)
          ?.textContent.includes('Message 120');
      // Up to 15 s: a loaded 2-core machine can be slow to fetch and render the panel file.
      for (let i = 0; i < 600 && !(deep(document, 'textarea') && newest()); i++) await new Promise((r) => setTimeout(r, 25));
      return { composer: !!deep(document, 'textarea'), newest: newest() };
    });
    report(
      shown.composer && shown.newest,
      `the built script opens its panel (dist/panel.js) on a conversation, newest message shown${shown.composer ? '' : ' (no composer)'}`,
    );
    report(problems.length === 0, `no errors or CSP violations in the page${problems.length ? `: ${problems.join(' | ')}` : ''}`);
  } finally {
    await browser.close();
    await server.close();
  }
}

// The build regenerates custom-elements.json; a difference means the committed one had gone stale.
let stale = '';
try {
  stale = execFileSync('git', ['status', '--porcelain', '--', 'custom-elements.json'], { encoding: 'utf8' }).trim();
} catch {
  // not a git checkout (an unpacked tarball): nothing to compare with
}
report(!stale, `custom-elements.json matches the code${stale ? ' (rebuilt file differs: commit it)' : ''}`);

console.log(checks.summary());
