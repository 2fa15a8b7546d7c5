import { randomUUID } from 'node:crypto';

/** A fresh browser's credentials for a raw request: a session, and its id as the distinct id (as the widget sends). */
export function anonymous(session = randomUUID()) {
  return { widget_session_id: session, distinct_id: session };
}
