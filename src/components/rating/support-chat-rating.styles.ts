import { css } from '../../internal/css.js';

export const styles = css`
  .rating {
    display: grid;
    gap: 12px;
    text-align: start;
  }
  fieldset {
    border: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: 8px;
  }
  legend {
    padding: 0;
    margin-block-end: 8px;
    font-weight: 600;
  }
  .choices {
    display: grid;
    grid-template-columns: repeat(5, 1fr);
    gap: 6px;
  }
  .choice {
    position: relative;
    display: grid;
    place-items: center;
    min-block-size: 44px;
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) / 2);
    background: var(--_surface);
    cursor: pointer;
  }
  /* The native radio stays (arrow keys, screen readers), only its circle is hidden under the box. */
  .choice input {
    position: absolute;
    inset: 0;
    inline-size: 100%;
    block-size: 100%;
    margin: 0;
    opacity: 0;
    cursor: pointer;
  }
  .choice:has(:checked) {
    background: var(--_accent);
    color: var(--_on-accent);
    border-color: var(--_accent);
  }
  .choice:has(:focus-visible) {
    outline: 3px solid var(--_focus);
    outline-offset: 2px;
  }
  .hint {
    font-size: 14px;
    color: var(--_muted);
  }
  textarea {
    resize: vertical;
    min-block-size: 64px;
  }
  .thanks {
    font-weight: 600;
  }
  .thanks:focus {
    outline: none;
  }
`;
