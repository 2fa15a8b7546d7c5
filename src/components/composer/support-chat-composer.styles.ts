import { css } from '../../internal/css.js';

export const styles = css`
  :host {
    border-block-start: 1px solid var(--_surface-2);
    padding: 12px;
    /* A resolved conversation's banner (with its rating) scrolls itself on a short panel,
       rather than squeezing the messages above it to nothing. */
    max-block-size: 65%;
    overflow-y: auto;
  }
  form {
    grid-template-columns: 1fr auto;
    align-items: end;
    gap: 8px;
  }
  textarea {
    resize: none;
    /* Grows with its text, up to about six lines. */
    field-sizing: content;
    min-block-size: 44px;
    max-block-size: 160px;
  }
  .primary {
    min-block-size: 44px;
  }
  form.with-files {
    grid-template-columns: 1fr auto auto;
  }
  .attach {
    min-inline-size: 44px;
    min-block-size: 44px;
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) / 2);
    background: var(--_surface);
    display: grid;
    place-items: center;
  }
  .previews {
    margin: 0 0 8px;
  }
  .attachment-error {
    margin: 0 0 8px;
    color: var(--_danger);
  }
  .limit {
    grid-column: 1 / -1;
    font-size: 14px;
    color: var(--_muted);
  }
  .resolved {
    display: grid;
    gap: 12px;
    text-align: center;
  }
`;
