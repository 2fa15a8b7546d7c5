import { RESTORE_TOKEN_LENGTH } from '../../contract/limits.js';
import { TransportError } from '../transport/transport-error.js';
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

/**
 * Redeems a restore token: on success the tickets are this session's, and one of them is on
 * show. A verified visitor keeps their identity and its tickets; the restored ones are
 * remembered as the session's (`Identity.sessionTickets`) and read with its credentials.
 */
export async function redeemRestoreToken(
  tab: TabState,
  session: Session,
  transport: Transport,
  token: string,
): Promise<RestoreResponse> {
  const result = await redeem(tab, transport, token, session.distinctId);
  if (result.status !== 'success') {
    void tab.share({ error: { kind: 'rejected', code: restoreErrorCode(result) } });
    return result;
  }
  await session.interacted(); // the visitor said the link is theirs
  const sessionId = isUuid(result.widget_session_id) ? result.widget_session_id : tab.state.sessionId;
  const restored = result.migrated_ticket_ids;
  const { identity } = tab;
  await tab.share({
    sessionId,
    currentTicketId: tab.state.currentTicketId ?? restored[0] ?? null,
    ...(identity && {
      identity: { ...identity, sessionTickets: [...new Set([...(identity.sessionTickets ?? []), ...restored])] },
    }),
  });
  dispatch(tab.eventTarget, 'support-chat-restored', { ticketIds: restored });
  return result;
}

/**
 * The server's answer as a `RestoreResponse`: a token of a size the contract refuses is not
 * sent (the server answers 400), a 400 is an invalid token, and a `migration_failed` is said
 * as such whether it came as a status or as an HTTP error.
 */
async function redeem(tab: TabState, transport: Transport, token: string, distinctId?: string): Promise<RestoreResponse> {
  const invalid = { status: 'invalid', code: 'token_invalid' } as const;
  if ([...token].length < RESTORE_TOKEN_LENGTH.min || [...token].length > RESTORE_TOKEN_LENGTH.max) return invalid;
  try {
    return await transport.restore({
      restoreToken: token,
      widgetSessionId: tab.state.sessionId!,
      distinctId, // the same as every other request's
    });
  } catch (error) {
    if (error instanceof TransportError && error.kind === 'http') {
      if (/migration_failed/.test(`${error.message} ${JSON.stringify(error.details ?? {})}`))
        return { status: 'invalid', code: 'migration_failed' };
      if (error.status === 400) return invalid;
    }
    tab.reportError(error); // offline, say: the visitor reads it in the panel too
    throw error;
  }
}

/** The backend's code when it is one we have words for, else what the status implies. */
function restoreErrorCode({ code, status }: Exclude<RestoreResponse, { status: 'success' }>): ChatErrorCode {
  const byStatus = { invalid: 'token_invalid', expired: 'token_expired', used: 'token_already_used' } as const;
  return ([...Object.values(byStatus), 'migration_failed'] as string[]).includes(code)
    ? (code as ChatErrorCode)
    : byStatus[status];
}
