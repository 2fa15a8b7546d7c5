/** Elements of the page that open or toggle the panel: a site's own launcher, a "Contact us" link. */
const TRIGGERS = '[data-support-chat-open],[data-support-chat-toggle]';

/**
 * Clicks anywhere on the page (one listener on the document, so elements added later count
 * too, inside the page's own shadow roots as well) on an element with `data-support-chat-open`
 * open the panel, with `data-support-chat-toggle` toggle it. A link's own navigation is its
 * fallback without the script, so it is cancelled. Returns the function that stops listening.
 */
export function listenToTriggers(panel: { openPanel(): void; toggle(): void }): () => void {
  const onClick = (event: Event) => {
    const trigger = event.composedPath().find((node): node is Element => node instanceof Element && node.matches(TRIGGERS));
    if (!trigger) return;
    event.preventDefault();
    if (trigger.hasAttribute('data-support-chat-open')) panel.openPanel();
    else panel.toggle();
  };
  document.addEventListener('click', onClick);
  return () => document.removeEventListener('click', onClick);
}

/** Tells assistive technology on each trigger whether the panel is open. */
export function markTriggers(open: boolean) {
  for (const trigger of document.querySelectorAll(TRIGGERS)) trigger.setAttribute('aria-expanded', String(open));
}
