import { expect } from '@open-wc/testing';
import { initialState, type ChatState } from '../../../src/client/chat-state.js';
import { ReplyNotifier } from '../../../src/components/support-chat/reply-notifier.js';
import { fakeAudio, restoreVisibility, setUserActivation, setVisibility } from '../helpers/audio.js';

/** States as the client gives them, one change at a time. */
const state = (patch: Partial<ChatState>): ChatState => ({ ...initialState, ready: true, leader: true, ...patch });
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('ReplyNotifier: what counts, for whom', () => {
  let title: string;
  let notifier: ReplyNotifier | undefined;
  const original = Object.getOwnPropertyDescriptor(window, 'AudioContext')!;
  beforeEach(() => {
    title = document.title;
    document.title = 'Shop';
  });
  afterEach(() => {
    notifier?.stop();
    restoreVisibility();
    document.title = title;
    Object.defineProperty(window, 'AudioContext', original);
    delete (navigator as { userActivation?: unknown }).userActivation;
  });

  it('counts from the first state it sees: replies unread before are not news', () => {
    notifier = new ReplyNotifier({ sound: false });
    notifier.update(state({ unreadCount: 3 }));
    expect(document.title).to.equal('Shop');
    notifier.update(state({ unreadCount: 4 }));
    expect(document.title).to.equal('(1) Shop');
    notifier.update(state({ unreadCount: 6 }));
    expect(document.title).to.equal('(3) Shop');
  });

  it('replies read in another tab leave the count; seeing the panel clears it', () => {
    notifier = new ReplyNotifier({ sound: false });
    notifier.update(state({ unreadCount: 0 }));
    notifier.update(state({ unreadCount: 3 }));
    expect(document.title).to.equal('(3) Shop');
    notifier.update(state({ unreadCount: 1 }));
    expect(document.title).to.equal('(1) Shop');
    notifier.update(state({ unreadCount: 2, open: true }));
    expect(document.title).to.equal('Shop');
    // Closed again: only what arrives from now on counts.
    notifier.update(state({ unreadCount: 2 }));
    notifier.update(state({ unreadCount: 3 }));
    expect(document.title).to.equal('(1) Shop');
  });

  it('the page coming back to the front with the panel open is seeing it', () => {
    notifier = new ReplyNotifier({ sound: false });
    setVisibility('hidden');
    notifier.update(state({ open: true }));
    notifier.update(state({ open: true, unreadCount: 1 }));
    expect(document.title).to.equal('(1) Shop');
    setVisibility('visible');
    expect(document.title).to.equal('Shop');
  });

  it('a tab that does not lead keeps its title, and gives it back when it loses the lead', () => {
    notifier = new ReplyNotifier({ sound: false });
    notifier.update(state({ unreadCount: 0 }));
    notifier.update(state({ unreadCount: 1 }));
    expect(document.title).to.equal('(1) Shop');
    notifier.update(state({ unreadCount: 1, leader: false }));
    expect(document.title).to.equal('Shop');
    notifier.update(state({ unreadCount: 2, leader: false }));
    expect(document.title).to.equal('Shop');
    notifier.update(state({ unreadCount: 2, leader: true }));
    expect(document.title, 'the lead came back: both replies are still unseen').to.equal('(2) Shop');
  });

  it('chimes in the leading tab only, with sound on, once per arrival', async () => {
    setUserActivation(true);
    const audio = fakeAudio();
    const host = { sound: true };
    notifier = new ReplyNotifier(host);
    notifier.update(state({ unreadCount: 0, leader: false }));
    notifier.update(state({ unreadCount: 1, leader: false }));
    await settle();
    expect(audio.tones).to.equal(0);
    notifier.update(state({ unreadCount: 2 }));
    await settle();
    expect(audio.tones).to.equal(1);
    notifier.update(state({ unreadCount: 2 })); // the same count again: nothing new
    host.sound = false;
    notifier.update(state({ unreadCount: 3 }));
    await settle();
    expect(audio.tones).to.equal(1);
  });
});
