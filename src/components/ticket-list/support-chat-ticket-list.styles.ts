import { css } from '../../internal/css.js';

export const styles = css`
  :host {
    flex: 1;
    min-block-size: 0;
    overflow-y: auto;
    padding: 12px;
  }
  h3 {
    margin: 4px 4px 12px;
    font-size: 16px;
  }
  ul {
    list-style: none;
    margin: 0 0 16px;
    padding: 0;
    display: grid;
    gap: 4px;
  }
  .ticket {
    inline-size: 100%;
    display: grid;
    grid-template-columns: 1fr auto;
    gap: 3px 8px;
    padding: 10px 12px;
    border: none;
    border-radius: calc(var(--_radius) / 2);
    background: none;
    text-align: start;
  }
  .ticket:hover {
    background: var(--_surface-2);
  }
  .preview {
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .unread .preview {
    font-weight: 700;
  }
  .meta {
    grid-column: 1 / -1;
    display: flex;
    gap: 8px;
    font-size: 13px;
    color: var(--_muted);
  }
  .pill {
    align-self: center;
    padding: 0 8px;
    border-radius: 999px;
    background: var(--_accent);
    color: var(--_on-accent);
    font-size: 12px;
    font-weight: 700;
  }
  .empty {
    margin: 16px 4px;
    color: var(--_muted);
  }
  .primary {
    inline-size: 100%;
  }
  .link {
    margin-block-start: 12px;
  }
`;
