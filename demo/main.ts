// The demo starts the in-browser reference server first, so that the widget's very first
// request is already answered by it, then loads the widget.
import { startBrowserServer } from '../mock-server/browser.js';

// `?flavor=posthog` makes the in-browser server behave like PostHog's production backend.
await startBrowserServer({
  quiet: true,
  flavor: new URLSearchParams(location.search).get('flavor') === 'posthog' ? 'posthog' : 'reference',
});
await import('../src/index.js');

// "Demo settings": each control sets the attribute of the same name on the widget.
const chat = document.querySelector('support-chat')!;
for (const control of document.querySelectorAll<HTMLInputElement | HTMLSelectElement>('[data-attr]')) {
  control.addEventListener('input', () => chat.setAttribute(control.dataset.attr!, control.value));
}
document.querySelector('#reset')!.addEventListener('click', () => void chat.reset());
