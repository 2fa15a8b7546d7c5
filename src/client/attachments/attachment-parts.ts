// What attachments need beyond the first file, in the panel file (dist/panel.js): a page pays for
// it once the panel loads, and the client loads it (load-attachments.ts) when a message has files.
import { postForm } from '../../transport/upload.js';
import { attachment, attachmentsOf } from '../../transport/validate-attachments.js';
import { checkFiles, limitsOf } from './attachment-rules.js';
import { AttachmentUploads } from './uploads.js';

export const attachmentParts = { AttachmentUploads, checkFiles, limitsOf, postForm, attachment, attachmentsOf };

export type AttachmentParts = typeof attachmentParts;
