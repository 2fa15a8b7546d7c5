// The demo starts the in-browser reference server first, so that the widget's very first
// request is already answered by it, then loads the widget.
import { startBrowserServer } from '../mock-server/browser.js';

await startBrowserServer({ quiet: true });
await import('../src/index.js');
