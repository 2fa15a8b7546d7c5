import { css } from '../../internal/css.js';

export const styles = css`
  :host {
    border-block-start: 1px solid var(--_surface-2);
    padding: 12px 16px 16px;
  }
`;
