/**
 * A text that depends on a number: one form per plural category its language uses
 * (`new Intl.PluralRules(lang).resolvedOptions().pluralCategories`: English one and other,
 * Arabic all six, Japanese other only), chosen by `plural()` in ../strings.ts. `{count}` is the
 * number as the language writes it; a form used for a single number only (Arabic's `two`) may
 * say it in words instead.
 */
export type Plural = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };

/** English: the complete table, and the shape every other locale fills in. */
export const en = {
  openChat: 'Open chat',
  openChatUnread: { one: 'Open chat ({count} unread)', other: 'Open chat ({count} unread)' } as Plural,
  title: 'Support',
  close: 'Close',
  back: 'Back',
  message: 'Message',
  send: 'Send',
  sending: 'Sending…',
  failed: 'Not sent.',
  retry: 'Retry',
  discard: 'Delete',
  you: 'You',
  team: 'Support team',
  greeting: 'Hi! How can we help?',
  placeholder: 'Write a message…',
  conversation: 'Conversation',
  conversations: 'Your conversations',
  newConversation: 'New conversation',
  noConversations: 'You have no conversations yet.',
  loading: 'Loading…',
  typing: '{name} is typing…',
  typingNameless: 'Support is typing…',
  earlierMessages: 'Show earlier messages',
  unread: { one: '{count} unread', other: '{count} unread' } as Plural,
  charactersLeft: { one: '{count} character left', other: '{count} characters left' } as Plural,
  resolved: 'This conversation has been resolved. Start a new one if you need more help.',
  rateConversation: 'Rate this conversation',
  ratingScale: '1 is poor, 5 is excellent.',
  ratingComment: 'Comment (optional)',
  sendRating: 'Send rating',
  ratingThanks: 'Thank you for your feedback!',
  statusNew: 'New',
  statusOpen: 'Open',
  statusPending: 'Waiting for you',
  statusOnHold: 'On hold',
  statusResolved: 'Resolved',
  identifyIntro: 'Before we start, how can we reach you?',
  name: 'Name',
  email: 'Email',
  continue: 'Continue',
  nameRequired: 'Please enter your name.',
  emailRequired: 'Please enter your email address.',
  emailInvalid: 'Please enter a valid email address, such as name@example.com.',
  restoreLink: 'Continue a conversation from another device',
  restoreIntro: 'Enter the email address you used. We will send you a link that opens your conversations here.',
  sendLink: 'Send link',
  restoreQuestion: 'Continue the conversations from your email link?',
  notMe: 'Not me',
  restoreSent: 'Thank you. If we have conversations for this address, a link is on its way. Check your inbox.',
  errorNetwork: 'You appear to be offline. We will keep trying.',
  errorRateLimit: 'Too many requests. Please wait a moment and try again.',
  errorServer: 'Something went wrong on our side. Please try again in a moment.',
  errorInvalidResponse: 'The support server sent an answer we could not read. Please try again later.',
  errorRejected: 'The support server did not accept this request.',
  errorStorage: 'Your browser could not save this conversation. It will last until you close the page.',
  errorTicketGone: 'This conversation is no longer available here. Your unsent words are kept in a new one.',
  errorTokenInvalid: 'This restore link is not valid. Ask for a new one.',
  errorTokenExpired: 'This restore link has expired. Ask for a new one.',
  errorTokenUsed: 'This restore link was already used. Ask for a new one.',
  errorMigrationFailed: 'Your conversations could not be moved to this browser. Please try the link again later.',
  attachFile: 'Attach a file',
  attachments: 'Files to send',
  removeAttachment: 'Remove {name}',
  uploading: 'Uploading {name}',
  cancelUpload: 'Cancel upload of {name}',
  cancel: 'Cancel',
  attachmentTooLarge: '“{name}” is too large to send. Files can be up to {size}.',
  attachmentType: '“{name}” cannot be sent: this type of file is not accepted.',
  attachmentCount: {
    one: 'You can send {count} file with one message.',
    other: 'You can send up to {count} files with one message.',
  } as Plural,
};

/** Every piece of text the widget shows. */
export type Strings = typeof en;

/** The keys of the texts that do not depend on a number. */
export type TextKey = { [K in keyof Strings]: Strings[K] extends string ? K : never }[keyof Strings];
