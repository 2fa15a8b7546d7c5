import type { Transport } from '../transport/transport.js';
import type { RestoreResponse } from '../transport/wire-types.js';
import type { ChatErrorCode } from './chat-state.js';
import { dispatch } from './events.js';
import { restoreLinkBase } from './restore.js';
import type { Session } from './session.js';
import { isUuid } from './stored-fields.js';
import type { TabState } from './tab-state.js';

/** Emails the visitor a link that restores their conversations in another browser (`email` is normalised). */
export async function requestRestoreLink(tab: TabState, session: Session, transport: Transport, param: string, email: string) {
  await session.interacted();
  await transport.requestRestoreLink(email, restoreLinkBase(param));
  dispatch(tab.eventTarget, 'support-chat-restore-requested', {});
}

/** Redeems a restore token: on success the tickets are this session's, and one of them is on show. */
export async function redeemRestoreToken(tab: TabState, session: Session, transport: Transport, token: string): Promise<RestoreResponse> {
  const result = await transport.restore({ restoreToken: token, widgetSessionId: tab.state.sessionId!, distinctId: tab.identity?.distinctId });
  if (result.status !== 'success') {
    void tab.share({ error: { kind: 'rejected', code: restoreErrorCode(result) } });
    return result;
  }
  await session.interacted(); // opening the emailed link is the visitor's doing
  const sessionId = isUuid(result.widget_session_id) ? result.widget_session_id : tab.state.sessionId;
  await tab.share({ sessionId, currentTicketId: tab.state.currentTicketId ?? result.migrated_ticket_ids[0] ?? null });
  dispatch(tab.eventTarget, 'support-chat-restored', { ticketIds: result.migrated_ticket_ids });
  return result;
}

/** The backend's code when it is one we have words for, else what the status implies. */
function restoreErrorCode({ code, status }: Exclude<RestoreResponse, { status: 'success' }>): ChatErrorCode {
  const byStatus = { invalid: 'token_invalid', expired: 'token_expired', used: 'token_already_used' } as const;
  return ([...Object.values(byStatus), 'migration_failed'] as string[]).includes(code) ? (code as ChatErrorCode) : byStatus[status];
}
