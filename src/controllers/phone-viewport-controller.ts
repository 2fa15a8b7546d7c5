import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** Where the open panel takes the whole screen: the same width as the full-screen rule in support-chat.styles.ts. */
export const PHONE_QUERY = '(max-width: 480px)';

/** What the controller needs of `<support-chat>`: whether the panel is open, and its shadow root. */
export type PhoneViewportHost = ReactiveControllerHost & HTMLElement & { open: boolean };

/**
 * Phones, while the full-screen panel is open (panel file only: nothing of it loads before
 * the first open).
 *
 * - The on-screen keyboard: iOS Safari and Android Chrome shrink the visual viewport, not the
 *   layout viewport that `position: fixed` and `100dvh` follow, so a full-height panel puts
 *   its composer under the keyboard; iOS also pans the visual viewport to the focused field.
 *   The panel is sized and placed to `visualViewport` on every `resize` and `scroll` of it.
 * - The page behind does not scroll (nor does iOS scroll it to reveal the field): it is held
 *   with `position: fixed` on the body at its scroll offset, the one lock iOS honours, and
 *   on close the inline styles of `<html>` and `<body>` are put back as they were and the
 *   page returns exactly where it was.
 *
 * Wider screens, a closed panel or a browser without `visualViewport` change nothing: the
 * stylesheet's `100dvh` panel stays as it is.
 */
export class PhoneViewportController implements ReactiveController {
  readonly #host: PhoneViewportHost;
  readonly #media: MediaQueryList;
  #active = false;

  constructor(host: PhoneViewportHost) {
    this.#host = host;
    this.#media = matchMedia(PHONE_QUERY);
    host.addController(this);
  }

  hostConnected() {
    this.#media.addEventListener('change', this.#sync);
    this.#sync();
  }

  hostDisconnected() {
    this.#media.removeEventListener('change', this.#sync);
    this.#deactivate();
  }

  /** After every render: the panel may have opened or closed. */
  hostUpdated() {
    this.#sync();
  }

  readonly #sync = () => {
    const host = this.#host;
    if (host.open && host.isConnected && this.#media.matches) this.#activate();
    else this.#deactivate();
  };

  #activate() {
    if (this.#active) return this.#fit();
    this.#active = true;
    lockPageScroll();
    visualViewport?.addEventListener('resize', this.#fit);
    visualViewport?.addEventListener('scroll', this.#fit);
    this.#fit();
  }

  #deactivate() {
    if (!this.#active) return;
    this.#active = false;
    visualViewport?.removeEventListener('resize', this.#fit);
    visualViewport?.removeEventListener('scroll', this.#fit);
    const { root, panel } = this.#parts();
    for (const property of ['top', 'left', 'bottom', 'right']) root?.style.removeProperty(property);
    panel?.style.removeProperty('block-size');
    panel?.style.removeProperty('inline-size');
    unlockPageScroll();
  }

  /** The panel over exactly the part of the screen the visitor sees, above the keyboard. */
  readonly #fit = () => {
    const viewport = visualViewport;
    const { root, panel } = this.#parts();
    if (!viewport || !root || !panel) return;
    // `.root` is fixed to the layout viewport; the visual one sits at (offsetLeft, offsetTop) in it.
    root.style.setProperty('top', `${viewport.offsetTop}px`);
    root.style.setProperty('left', `${viewport.offsetLeft}px`);
    root.style.setProperty('bottom', 'auto');
    root.style.setProperty('right', 'auto');
    panel.style.setProperty('block-size', `${viewport.height}px`);
    panel.style.setProperty('inline-size', `${viewport.width}px`);
  };

  #parts() {
    const shadow = this.#host.shadowRoot;
    return {
      root: shadow?.querySelector<HTMLElement>('.root'),
      panel: shadow?.querySelector<HTMLElement>('.panel'),
    };
  }
}

/** The page's scroll position and the inline styles the lock replaced; one lock for every widget on the page. */
let held: { x: number; y: number; html: string | null; body: string | null; count: number } | undefined;

function lockPageScroll() {
  if (held) return void held.count++;
  const { documentElement: html, body } = document;
  held = { x: scrollX, y: scrollY, html: html.getAttribute('style'), body: body.getAttribute('style'), count: 1 };
  html.style.setProperty('overflow', 'hidden');
  // `overflow: hidden` alone does not stop iOS Safari: a fixed body does, kept where the page was.
  body.style.setProperty('position', 'fixed');
  body.style.setProperty('top', `${-held.y}px`);
  body.style.setProperty('left', `${-held.x}px`);
  body.style.setProperty('width', '100%');
  body.style.setProperty('overflow', 'hidden');
}

function unlockPageScroll() {
  if (!held || --held.count > 0) return;
  const { x, y, html: htmlStyle, body: bodyStyle } = held;
  held = undefined;
  const { documentElement: html, body } = document;
  restoreStyle(html, htmlStyle);
  restoreStyle(body, bodyStyle);
  // `instant`: a page with `scroll-behavior: smooth` would otherwise glide back from the top.
  scrollTo({ left: x, top: y, behavior: 'instant' });
}

const restoreStyle = (element: HTMLElement, style: string | null) =>
  style === null ? element.removeAttribute('style') : element.setAttribute('style', style);

const attached = new WeakSet<PhoneViewportHost>();

/** Gives `host` its controller, once (the panel file calls this at every render of the panel body). */
export function fitToPhoneViewport(host: PhoneViewportHost) {
  if (attached.has(host)) return;
  attached.add(host);
  new PhoneViewportController(host);
}
