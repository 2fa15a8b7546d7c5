// The demo's agent inbox (demo/inbox/): the support team's side, on the team API of the
// reference server. By default that server runs in this tab's service worker, like the shop's
// widget; `?backend=node` uses the one in the dev server instead (for the one-script-tag page).
import { startBrowserServer } from '../mock-server/browser.js';

const params = new URLSearchParams(location.search);
const inNode = params.get('backend') === 'node';
if (!inNode) await startBrowserServer({ quiet: true, flavor: params.get('flavor') === 'posthog' ? 'posthog' : 'reference' });
// After the server: the inbox's first requests are then answered.
await import('./inbox/inbox-app.js');
const app = document.createElement('inbox-app');
app.backend = inNode ? 'Backend: dev server (Node)' : 'Backend: in this browser';
document.body.append(app);
