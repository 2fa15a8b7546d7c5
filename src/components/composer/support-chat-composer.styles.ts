import { css } from 'lit';

export const styles = css`
  :host {
    border-block-start: 1px solid var(--_surface-2);
    padding: 0.75rem;
  }
  form {
    grid-template-columns: 1fr auto;
    align-items: end;
    gap: 0.5rem;
  }
  textarea {
    resize: none;
    /* Grows with its text, up to about six lines. */
    field-sizing: content;
    min-block-size: 2.75rem;
    max-block-size: 10rem;
  }
  .primary {
    min-block-size: 2.75rem;
  }
  .limit {
    grid-column: 1 / -1;
    font-size: 0.85rem;
    color: var(--_muted);
  }
  .resolved {
    display: grid;
    gap: 0.75rem;
    text-align: center;
  }
`;
