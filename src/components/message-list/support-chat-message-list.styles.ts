import { css } from '../../internal/css.js';

export const styles = css`
  :host {
    overflow-y: auto;
    padding: 16px;
  }
  .typing {
    margin: 0.5rem 0 0;
    color: var(--_muted);
    font-size: 0.85em;
  }
  .typing:empty {
    display: none;
  }
  ol {
    list-style: none;
    margin: 0;
    padding: 0;
    display: flex;
    flex-direction: column;
    gap: 12px;
  }
  li {
    max-inline-size: 85%;
    align-self: flex-start;
    display: grid;
    gap: 2px;
  }
  .content {
    padding: 8px 12px;
    border-radius: var(--_radius);
    border-end-start-radius: 4px;
    background: var(--_surface-2);
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }
  /* The visitor's own messages sit on the other side, in the accent colour. */
  .customer {
    align-self: flex-end;
    justify-items: end;
  }
  .customer .content {
    border-radius: var(--_radius);
    border-end-end-radius: 4px;
    background: var(--_accent);
    color: var(--_on-accent);
  }
  a {
    color: inherit;
  }
  /* Formatted replies (rich-content.ts): blocks inside the bubble, never wider than it. */
  .rich {
    display: grid;
    gap: 0.5em;
  }
  .rich * {
    margin: 0;
  }
  .rich ul,
  .rich ol {
    display: block;
    list-style: revert;
    padding-inline-start: 1.25em;
  }
  .rich li {
    display: list-item;
    max-inline-size: none;
  }
  .rich blockquote {
    padding-inline-start: 0.75em;
    border-inline-start: 3px solid var(--_muted);
  }
  /* Code wraps like the rest rather than widening the bubble. */
  .rich pre {
    white-space: inherit;
  }
  /* A box of its own before the image arrives, so the list does not jump when it loads. */
  .rich img {
    display: block;
    inline-size: 100%;
    aspect-ratio: 4 / 3;
    object-fit: contain;
  }
  .meta,
  .state {
    font-size: 13px;
    color: var(--_muted);
  }
  /*
   * The author's name is the server's text: one endless word must not widen the list (it
   * shrinks to an ellipsis, the time stays in view), and a bidi control in it (U+202E) must
   * not reverse the time after it. As flex items, name and time are each their own bidi
   * paragraph; isolate says so also if the layout changes.
   */
  .meta {
    display: flex;
    gap: 4px;
    white-space: nowrap;
    /* Or the message's grid column grows to the whole name. */
    min-inline-size: 0;
  }
  .meta b {
    min-inline-size: 0;
    overflow: hidden;
    text-overflow: ellipsis;
    unicode-bidi: isolate;
    color: var(--_text);
  }
  .state button {
    margin-inline-start: 8px;
  }
  [role='alert'] {
    color: var(--_danger);
  }
  .greeting {
    padding: 12px 16px;
    border-radius: var(--_radius);
    background: var(--_surface-2);
  }
  /* Older messages, shown on request above the live log, and the button that shows more. */
  .earlier {
    display: block;
    margin: 0 auto 12px;
  }
  .earlier-list {
    margin-block-end: 12px;
  }
  .earlier-list:focus {
    outline: none;
  }
  .restore {
    margin-block-start: 16px;
    color: var(--_muted);
  }
`;
