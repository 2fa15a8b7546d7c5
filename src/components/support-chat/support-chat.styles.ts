import { css } from 'lit';

export const styles = css`
  :host {
    --_accent: var(--support-chat-color, #1d4ed8);
    --_on-accent: var(--support-chat-on-color, #fff);
    --_radius: var(--support-chat-radius, 16px);
    --_surface: var(--support-chat-surface, #fff);
    --_surface-2: var(--support-chat-surface-2, #f1f3f6);
    --_text: var(--support-chat-text, #1a1c1e);
    --_border: var(--support-chat-border, #d6d9de);
    --_focus: var(--support-chat-focus, #1d4ed8);
    --_shadow: var(--support-chat-shadow, 0 8px 28px rgb(0 0 0 / 0.22));
    --_offset: var(--support-chat-offset, 20px);

    position: fixed;
    z-index: var(--support-chat-z-index, 2147483000);
    inset-block-end: var(--_offset);
    inset-inline-end: var(--_offset);
    font-family: var(--support-chat-font, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    font-size: 15px;
    line-height: 1.4;
    color: var(--_text);
    display: flex;
    flex-direction: column;
    align-items: flex-end;
    gap: 12px;
  }
  :host([hidden]) {
    display: none;
  }

  .panel {
    display: flex;
    flex-direction: column;
    inline-size: min(380px, calc(100vw - 2 * var(--_offset)));
    block-size: min(560px, calc(100vh - 120px));
    background: var(--_surface);
    border-radius: var(--_radius);
    box-shadow: var(--_shadow);
    overflow: hidden;
  }
  .panel[hidden] {
    display: none;
  }
  header {
    display: flex;
    align-items: center;
    justify-content: space-between;
    padding: 0.75rem 1rem;
    background: var(--_accent);
    color: var(--_on-accent);
  }
  h2 {
    margin: 0;
    font-size: 1rem;
  }
  .close {
    border: none;
    background: transparent;
    color: inherit;
    font: inherit;
    font-size: 1.4rem;
    line-height: 1;
    cursor: pointer;
    border-radius: 8px;
    padding: 0.1rem 0.5rem;
  }
  .close:focus-visible {
    outline: 3px solid var(--_on-accent);
  }
  support-chat-message-list {
    flex: 1;
  }
`;
