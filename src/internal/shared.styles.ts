import { css } from './css.js';

/**
 * What every UI piece shares: buttons, fields and the focus ring. The custom properties
 * (`--_accent` and friends) are set once on `<support-chat>` and inherit into every piece.
 */
export const sharedStyles = css`
  :host {
    display: block;
  }
  * {
    box-sizing: border-box;
  }
  button,
  input,
  textarea {
    font: inherit;
    color: inherit;
  }
  button {
    cursor: pointer;
  }
  .primary {
    border: none;
    border-radius: calc(var(--_radius) / 2);
    padding: 10px 16px;
    background: var(--_accent);
    color: var(--_on-accent);
    font-weight: 600;
  }
  .primary:disabled {
    opacity: 0.55;
    cursor: default;
  }
  .link {
    border: none;
    background: none;
    padding: 4px 0;
    text-decoration: underline;
  }
  :focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: 2px;
  }
  input,
  textarea {
    /* 16px or more, or phones zoom the page when the field gets focus. */
    font-size: max(16px, 1em);
    padding: 9px 10px;
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) / 2);
    background: var(--_surface);
    inline-size: 100%;
  }
  form {
    display: grid;
    gap: 12px;
  }
  label {
    display: grid;
    gap: 4px;
    font-weight: 600;
  }
  .invalid {
    margin: 0;
    color: var(--_danger);
    font-weight: 400;
  }
  p {
    margin: 0;
  }
`;
