// One "tab" of a site with the <support-chat> element (with `sound`), loaded in an iframe by the
// tests of what only one tab may do (the title count, the reply sound). Query: `group` (the
// client's token: its tabs share state, a channel and a leader; the transport always uses the
// reference server's token). The audio and the visitor's activation are stand-ins (helpers/audio.ts).
import { SupportChatClient } from '../../../src/client/support-chat-client.js';
import { IndexedDbStorage } from '../../../src/client/storage.js';
import { loadPanel } from '../../../src/components/support-chat/panel-loader.js';
import '../../../src/index.js';
import { HttpTransport } from '../../../src/transport/http-transport.js';
import { fakeAudio, setUserActivation, setVisibility } from './audio.js';

const params = new URLSearchParams(location.search);
const audio = fakeAudio();
setUserActivation(true);
const el = document.createElement('support-chat');
el.setAttribute('sound', '');
el.client = new SupportChatClient({
  token: params.get('group') ?? 'widget-tab',
  transport: new HttpTransport({ token: 'demo-widget-token' }),
  storage: new IndexedDbStorage(params.get('group') ?? 'widget-tab'), // one visitor in every tab of the group
  eventTarget: el,
  pollIntervals: { open: 150, closed: 150 },
});
document.body.append(el);
await loadPanel();
Object.assign(window, { widgetTab: { el, audio, setVisibility: (state: 'visible' | 'hidden') => setVisibility(state) } });
