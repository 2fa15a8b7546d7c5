import { css } from 'lit';

export const styles = css`
  button {
    position: relative;
    inline-size: 3.5rem;
    block-size: 3.5rem;
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
    inline-size: 1.6rem;
    block-size: 1.6rem;
  }
  .badge {
    position: absolute;
    inset-block-start: -0.25rem;
    inset-inline-end: -0.25rem;
    min-inline-size: 1.25rem;
    padding: 0.1rem 0.3rem;
    border-radius: 999px;
    background: #b3261e;
    color: #fff;
    font-size: 0.75rem;
    font-weight: 700;
    line-height: 1.1rem;
  }
  /* Drawn by CSS: the count is already in the button's name, and is not read twice. */
  .badge::before {
    content: attr(data-count);
  }
`;
