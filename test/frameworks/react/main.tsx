// A React 19 app using support-chat/react as a user would: typed props for attributes and
// properties, typed onSupportChat… handlers, under StrictMode (which mounts, unmounts and
// mounts again in development, the build the check makes).
import { StrictMode, useState } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { SupportChat } from 'support-chat/react';
import type { FrameworkApp } from '../app-api.js';

const events: string[] = [];
// A property with no attribute: @lit/react sets it on the element.
const strings = { title: 'Help from React' };

function App() {
  const [open, setOpen] = useState(false);
  return (
    <>
      <p data-open={open}>React says the panel is {open ? 'open' : 'closed'}</p>
      <SupportChat
        token="demo-widget-token"
        position="bottom-left"
        strings={strings}
        onSupportChatReady={() => events.push('ready')}
        onSupportChatOpenChange={(event) => {
          events.push(`open:${event.detail.open}`);
          setOpen(event.detail.open);
        }}
        onSupportChatMessageSent={(event) => events.push(`sent:${event.detail.isNewTicket}`)}
      />
    </>
  );
}

let root: Root | undefined;
const app: FrameworkApp = {
  framework: 'react',
  events,
  mount() {
    root = createRoot(document.getElementById('root')!);
    root.render(
      <StrictMode>
        <App />
      </StrictMode>,
    );
  },
  unmount() {
    root?.unmount();
    root = undefined;
  },
};
window.app = app;
app.mount();
