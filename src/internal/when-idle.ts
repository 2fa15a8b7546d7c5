/** Runs `work` when the browser is idle (soon after the page has loaded): what is fetched or prepared ahead. */
export function whenIdle(work: () => void) {
  if ('requestIdleCallback' in window) requestIdleCallback(work, { timeout: 5000 });
  else setTimeout(work, 2000);
}
