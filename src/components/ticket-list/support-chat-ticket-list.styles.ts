import { css } from 'lit';

export const styles = css`
  :host {
    flex: 1;
    min-block-size: 0;
    overflow-y: auto;
    padding: 0.75rem;
  }
  h3 {
    margin: 0.25rem 0.25rem 0.75rem;
    font-size: 1rem;
  }
  ul {
    list-style: none;
    margin: 0 0 1rem;
    padding: 0;
    display: grid;
    gap: 0.25rem;
  }
  .ticket {
    inline-size: 100%;
    display: grid;
    grid-template-columns: 1fr auto;
    gap: 0.2rem 0.5rem;
    padding: 0.6rem 0.75rem;
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
    gap: 0.5rem;
    font-size: 0.8rem;
    color: var(--_muted);
  }
  .pill {
    align-self: center;
    padding: 0 0.5rem;
    border-radius: 999px;
    background: var(--_accent);
    color: var(--_on-accent);
    font-size: 0.75rem;
    font-weight: 700;
  }
  .empty {
    margin: 1rem 0.25rem;
    color: var(--_muted);
  }
  .primary {
    inline-size: 100%;
  }
  .link {
    margin-block-start: 0.75rem;
  }
`;
