import { css } from '../../internal/css.js';

export const styles = css`
  :host {
    /* light-dark() follows color-scheme, which .root and the theme attribute set below. */
    --_accent: var(--support-chat-color, #1d4ed8);
    /*
     * Text on the accent colour: black or white, whichever contrasts more, computed by CSS
     * for any colour the site sets. y in xyz-d65 is the WCAG relative luminance; 0.179 is
     * where black and white contrast equally.
     */
    --_on-accent: var(
      --support-chat-on-color,
      color(
        from var(--_accent) xyz-d65 clamp(0, (0.179 - y) * 1e6, 0.9505) clamp(0, (0.179 - y) * 1e6, 1)
          clamp(0, (0.179 - y) * 1e6, 1.089)
      )
    );
    --_radius: var(--support-chat-radius, 16px);
    --_surface: var(--support-chat-surface, light-dark(#fff, #1e1f22));
    --_surface-2: var(--support-chat-surface-2, light-dark(#eef0f3, #2b2d31));
    --_text: var(--support-chat-text, light-dark(#1a1c1e, #f2f3f5));
    --_muted: var(--support-chat-muted, light-dark(#4b5563, #b5bac1));
    --_border: var(--support-chat-border, light-dark(#6b7280, #80848e));
    --_focus: var(--support-chat-focus, light-dark(#1a1c1e, #f2f3f5));
    --_danger: var(--support-chat-danger, light-dark(#a1261b, #ffb4ab));
    --_shadow: var(--support-chat-shadow, 0 8px 28px rgb(0 0 0 / 0.25));
    --_offset: var(--support-chat-offset, 20px);

    /*
     * The element itself takes no room on the page. Page rules beat :host, and one like
     * "body * { all: unset }" would make a positioned host static and drop the widget into
     * the page's flow, so the positioning lives on .root, out of the page's reach (all:
     * leaves the custom properties above alone).
     */
    display: contents;
  }
  .root {
    color-scheme: light dark;
    position: fixed;
    z-index: var(--support-chat-z-index, 2147483000);
    inset: auto var(--_offset) var(--_offset) auto;
    /* The corner is physical (bottom-left stays left); the content inside follows the language. */
    direction: ltr;
    display: flex;
    flex-direction: column;
    align-items: flex-end;
    gap: 12px;
  }
  /*
   * Styles the page puts on <support-chat> itself (a font, letter-spacing, text-transform…)
   * would inherit into the widget: start the visible pieces from the initial values.
   * all: leaves direction alone, so the dir attribute still works.
   * Every size in the widget is in px, never rem: rem follows the page's root font size
   * (62.5% on many sites), which would shrink or blow up the launcher and the text.
   */
  .panel,
  support-chat-launcher {
    all: initial;
    color-scheme: inherit;
    font: 15px / 1.4 var(--support-chat-font, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    color: var(--_text);
  }
  support-chat-launcher {
    display: block;
  }
  :host([theme='light']) .root {
    color-scheme: light;
  }
  :host([theme='dark']) .root {
    color-scheme: dark;
  }
  /* Also on .root: a page rule on the element (all: unset) beats the browser's [hidden]. */
  :host([hidden]),
  :host([hidden]) .root {
    display: none;
  }
  :host([position$='left']) .root {
    inset-inline: var(--_offset) auto;
    align-items: flex-start;
  }
  :host([position^='top']) .root {
    inset-block: var(--_offset) auto;
    flex-direction: column-reverse;
  }

  .panel {
    display: flex;
    flex-direction: column;
    inline-size: min(380px, 100vw - 2 * var(--_offset));
    block-size: min(600px, 100dvh - 110px);
    background: var(--_surface);
    border-radius: var(--_radius);
    box-shadow: var(--_shadow);
    overflow: hidden;
    animation: appear 0.18s ease-out;
  }
  .panel[hidden] {
    display: none;
  }
  @keyframes appear {
    from {
      opacity: 0;
      transform: translateY(8px);
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .panel {
      animation: none;
    }
  }
  /*
   * Phones: the open panel takes the whole screen (dvh/dvw follow the browser's moving
   * toolbars) and covers the launcher; Close brings it back.
   */
  @media (max-width: 480px) {
    :host([open]) .root {
      inset: 0;
    }
    :host([open]) .panel {
      inline-size: 100dvw;
      block-size: 100dvh;
      border-radius: 0;
    }
    :host([open]) support-chat-launcher {
      display: none;
    }
  }

  .header {
    display: flex;
    align-items: center;
    gap: 4px;
    padding: 10px 12px;
    background: var(--_accent);
    color: var(--_on-accent);
  }
  .heading {
    flex: 1;
    margin: 0 4px;
  }
  h2 {
    margin: 0;
    font-size: 17px;
  }
  .header button {
    border: none;
    background: transparent;
    color: inherit;
    font-size: 24px;
    line-height: 1;
    min-inline-size: 36px;
    min-block-size: 36px;
    border-radius: 8px;
  }
  .header button:focus-visible {
    outline-color: currentColor;
    outline-offset: -3px;
  }
  [role='alert'] {
    margin: 0;
    padding: 8px 16px;
    background: light-dark(#fdecea, #3b1715);
    color: var(--_danger);
  }
  .body {
    flex: 1;
    min-block-size: 0;
    display: flex;
    flex-direction: column;
  }
  support-chat-message-list {
    flex: 1;
    min-block-size: 0;
  }
  .center {
    margin: auto;
    color: var(--_muted);
  }
`;
