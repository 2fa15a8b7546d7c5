import { css } from '../../internal/css.js';

export const styles = css`
  :host {
    padding: 16px;
  }
`;
