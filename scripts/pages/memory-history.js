// For pages that drive the built script (check-bundle.mjs, bench-history.mjs): a conversation
// of N messages served from memory, no network (the idea of test/browser/helpers/memory-transport.ts,
// as a plain script), and storage that opens the widget on it.
window.historyMessages = (count, start = Date.parse('2024-01-01T00:00:00Z')) =>
  Array.from({ length: count }, (_, i) => ({
    id: `m${i}`,
    content: `Message ${i + 1}: ${i % 3 ? 'a reply from the team about the order' : 'a question from the visitor'}`,
    author_type: i % 3 ? 'human' : 'customer',
    author_name: i % 3 ? 'Ada' : null,
    created_at: new Date(start + i * 60_000).toISOString(),
  }));

/** A transport with one ticket of `messages`; `reply(text)` adds a team message. */
window.memoryTransport = (messages) => {
  const ticketId = '11111111-1111-4111-8111-111111111111';
  const ticket = () => ({
    id: ticketId,
    ticket_number: 1,
    status: 'open',
    unread_count: 0,
    last_message: messages.at(-1)?.content ?? null,
    last_message_at: messages.at(-1)?.created_at ?? null,
    message_count: messages.length,
    created_at: messages[0]?.created_at ?? new Date().toISOString(),
  });
  return {
    ticketId,
    unread: 0,
    reply(content) {
      this.unread++;
      messages.push({
        id: crypto.randomUUID(),
        content,
        author_type: 'human',
        author_name: 'Ada',
        created_at: new Date().toISOString(),
      });
    },
    async sendMessage(_c, r) {
      const m = {
        id: crypto.randomUUID(),
        content: r.message,
        author_type: 'customer',
        author_name: null,
        created_at: new Date().toISOString(),
      };
      messages.push(m);
      return {
        ticket_id: ticketId,
        message_id: m.id,
        ticket_status: 'open',
        created_at: m.created_at,
        unread_count: this.unread,
      };
    },
    async getMessages(_c, r) {
      return {
        ticket_id: ticketId,
        ticket_status: 'open',
        messages: messages.filter((m) => !r.after || m.created_at > r.after),
        has_more: false,
        unread_count: this.unread,
      };
    },
    async markAsRead() {
      this.unread = 0;
      return { success: true, unread_count: 0 };
    },
    async getTickets() {
      return { count: 1, results: [{ ...ticket(), unread_count: this.unread }] };
    },
    async requestRestoreLink() {},
    async restore() {
      return { status: 'invalid', code: 'memory' };
    },
  };
};

/** A `<support-chat>` on that transport, opened on its ticket when `open`; not yet in the page. */
window.memoryWidget = async (messages, { open = true } = {}) => {
  const { SupportChatClient, MemoryStorage } = window.SupportChat;
  const transport = window.memoryTransport(messages);
  const storage = new MemoryStorage();
  await storage.set('current-ticket', transport.ticketId);
  const el = document.createElement('support-chat');
  el.client = new SupportChatClient({ token: `bench-${Math.random()}`, transport, storage, eventTarget: el });
  if (open) el.setAttribute('open', '');
  return { el, transport };
};
