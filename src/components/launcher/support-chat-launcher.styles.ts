import { css } from '../../internal/css.js';

export const styles = css`
  button {
    position: relative;
    inline-size: 56px;
    block-size: 56px;
    border: none;
    border-radius: 50%;
    background: var(--_accent);
    color: var(--_on-accent);
    box-shadow: var(--_shadow);
    display: grid;
    place-items: center;
  }
  button:focus-visible {
    /* Two rings, so that the focus shows on any page background. */
    box-shadow: 0 0 0 2px var(--_surface), var(--_shadow);
  }
  svg {
    inline-size: 26px;
    block-size: 26px;
  }
  .badge {
    position: absolute;
    inset-block-start: -4px;
    inset-inline-end: -4px;
    min-inline-size: 20px;
    padding: 2px 5px;
    border-radius: 999px;
    background: #b3261e;
    color: #fff;
    font-size: 12px;
    font-weight: 700;
    line-height: 18px;
  }
  /* Drawn by CSS: the count is already in the button's name, and is not read twice. */
  .badge::before {
    content: attr(data-count);
  }
`;
