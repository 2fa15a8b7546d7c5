import { css } from '../../internal/css.js';

/** The files of messages and of the composer's draft, shared by the message list and the composer. */
export const attachmentStyles = css`
  .attachments,
  .previews {
    list-style: none;
    margin: 4px 0 0;
    padding: 0;
    display: flex;
    flex-wrap: wrap;
    gap: 6px;
  }
  /* The visitor's files sit on their side, as their messages do. */
  .customer .attachments {
    justify-content: flex-end;
  }
  .attachments li,
  .previews li {
    max-inline-size: 100%;
  }
  .picture {
    display: block;
    line-height: 0;
  }
  /* The box of a picture is sized before it loads (width, height and ratio): no layout jump. */
  .picture img {
    inline-size: 240px;
    max-inline-size: 100%;
    block-size: auto;
    aspect-ratio: 4 / 3;
    object-fit: cover;
    border-radius: calc(var(--_radius) / 2);
    background: var(--_surface-2);
  }
  .file,
  .upload,
  .preview {
    display: inline-flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 6px;
    padding: 6px 10px;
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) / 2);
    background: var(--_surface);
    color: inherit;
  }
  .file-name {
    overflow-wrap: anywhere;
    white-space: pre-wrap;
  }
  .file-size {
    color: var(--_muted);
    font-size: 0.85em;
  }
  .upload progress {
    inline-size: 100%;
  }
  .preview {
    padding: 4px;
  }
  .preview img {
    display: block;
    object-fit: cover;
    border-radius: 4px;
  }
  .remove {
    min-inline-size: 32px;
    min-block-size: 32px;
    border: none;
    border-radius: 50%;
    background: var(--_surface-2);
  }
`;
