import { expect } from '@open-wc/testing';
import { http, HttpResponse } from 'msw';
import { findByRole, queryAllByRole, waitFor } from '../helpers/queries.js';
import { startReferenceServer } from '../helpers/reference-server.js';
import { openPanel, ui, widget } from './widget.js';

const chaos = (body: object) =>
  fetch('/api/_dev/chaos', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });

describe('error states in plain sentences', () => {
  beforeEach(async () => {
    await startReferenceServer();
  });
  afterEach(() => chaos({}));

  it('says the visitor is offline, and clears it when the network is back', async () => {
    const el = await widget();
    await openPanel(el);
    await chaos({ offline: true });
    await findByRole(ui(el), 'alert', 'You appear to be offline. We will keep trying.');
    await chaos({});
    el.client!.refresh();
    await waitFor(() => expect(queryAllByRole(ui(el), 'alert')).to.have.length(0), 8000);
  });

  it('says so on too many requests', async () => {
    const worker = await startReferenceServer();
    worker.use(
      http.get('*/api/conversations/v1/widget/tickets', () =>
        HttpResponse.json({ error: 'Slow down' }, { status: 429, headers: { 'Retry-After': '30' } }),
      ),
    );
    const el = await widget();
    await openPanel(el);
    await findByRole(ui(el), 'alert', 'Too many requests. Please wait a moment and try again.');
  });

  it('says so on a server error, never showing the technical message', async () => {
    const el = await widget();
    await openPanel(el);
    await chaos({ error_rate: 1, error_status: 503 });
    const alert = await findByRole(ui(el), 'alert', 'Something went wrong on our side. Please try again in a moment.');
    expect(alert.textContent).not.to.contain('503');
  });

  it('speaks the error in the widget language', async () => {
    const el = await widget({ locale: 'de' });
    await openPanel(el, 'Chat öffnen');
    await chaos({ offline: true });
    await findByRole(ui(el), 'alert', 'Sie scheinen offline zu sein. Wir versuchen es weiter.');
  });
});
