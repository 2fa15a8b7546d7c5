import type { Transport } from '../transport/transport.js';
import type { Session } from './session.js';

/**
 * The transport as the client's parts use it: each ticket is asked about with the credentials
 * that own it. A verified visitor who redeems a restore link owns the restored tickets through
 * the browser session, not the identity (see `Identity.sessionTickets`): asked with the
 * identity, the server answers 403. The ticket list is then both lists in one.
 */
export function ownedTransport(transport: Transport, session: Session): Transport {
  return {
    sendMessage: (_, request) => transport.sendMessage(session.credentialsFor(request.ticketId), request),
    getMessages: (_, request) => transport.getMessages(session.credentialsFor(request.ticketId), request),
    markAsRead: (_, ticketId) => transport.markAsRead(session.credentialsFor(ticketId), ticketId),
    async getTickets(credentials, request) {
      const restored = session.sessionTickets;
      if (!restored.length || !('identityHash' in credentials)) return transport.getTickets(credentials, request);
      const [own, theirs] = await Promise.all([
        transport.getTickets(credentials, request),
        // The identity's list is the one that must work; the session's adds to it when it can.
        transport.getTickets(session.sessionCredentials, request).catch(() => null),
      ]);
      const more = (theirs?.results ?? []).filter((t) => restored.includes(t.id) && !own.results.some((o) => o.id === t.id));
      return { count: own.count + more.length, results: [...own.results, ...more] };
    },
    requestRestoreLink: (email, url) => transport.requestRestoreLink(email, url),
    restore: (request) => transport.restore(request),
    // Its caller picks the credentials of the ticket the file goes to (the server lets that caller attach it).
    uploadAttachment: transport.uploadAttachment?.bind(transport),
  };
}
