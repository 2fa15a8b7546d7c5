import { css } from 'lit';

export const styles = css`
  :host {
    border-block-start: 1px solid var(--_surface-2);
    padding: 0.75rem 1rem 1rem;
  }
`;
