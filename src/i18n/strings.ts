/** Every piece of text the widget shows, so that a locale can replace all of it. */
export const en = {
  openChat: 'Open chat',
  openChatUnread: 'Open chat ({count} unread)',
  title: 'Support',
  close: 'Close',
  message: 'Message',
  send: 'Send',
  sending: 'Sending…',
  failed: 'Not sent.',
  retry: 'Retry',
  you: 'You',
  team: 'Support team',
  greeting: 'Hi! How can we help?',
  placeholder: 'Write a message…',
  conversation: 'Conversation',
};

export type Strings = typeof en;

/** Fills `{name}` placeholders. */
export function format(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (_, key: string) => String(values[key] ?? `{${key}}`));
}
