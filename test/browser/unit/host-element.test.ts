import { expect } from '@open-wc/testing';
import type { ReactiveController } from 'lit';
import { css } from '../../../src/internal/css.js';
import { HostElement, type Changes, type PropertyOptions } from '../../../src/internal/host-element.js';

// The base of <support-chat> stands in for Lit's ReactiveElement: these are the parts of that
// contract the element and its controllers rely on.
class TestHost extends HostElement {
  static override properties: Record<string, PropertyOptions> = {
    label: {},
    apiHost: { attribute: 'api-host', reflect: true },
    open: { type: Boolean, reflect: true },
    data: { attribute: false },
  };
  static override styles = [css`:host { display: block; color: rgb(1, 2, 3); }`];
  declare label: string | null;
  declare apiHost: string;
  declare open: boolean;
  declare data: unknown;
  updates: Array<Record<string, unknown>> = [];
  calls: string[] = [];

  constructor() {
    super();
    this.open = false;
  }

  protected override willUpdate(changes: Changes<this>) {
    this.calls.push('willUpdate');
    const seen: Record<string, unknown> = {};
    for (const name of ['label', 'apiHost', 'open', 'data'] as const) if (changes.has(name)) seen[name] = changes.get(name);
    this.updates.push(seen);
  }

  protected override update(changes: Changes<this>) {
    super.update(changes);
    this.calls.push('update');
  }
}
customElements.define('test-host-element', TestHost);

const make = () => document.createElement('test-host-element') as TestHost;

describe('HostElement (the first file’s ReactiveElement)', () => {
  it('updates once connected, in one batch, with the previous values of what changed', async () => {
    const el = make();
    el.label = 'a';
    el.label = 'b';
    await Promise.resolve();
    expect(el.updates, 'nothing before it is connected').to.deep.equal([]);
    document.body.append(el);
    expect(await el.updateComplete).to.equal(true);
    expect(el.updates).to.deep.equal([{ label: undefined, open: undefined }]);
    el.label = 'c';
    el.data = 1;
    el.label = 'c';
    await el.updateComplete;
    expect(el.updates.at(-1)).to.deep.equal({ label: 'b', data: undefined });
    el.label = 'c';
    await el.updateComplete;
    expect(el.updates, 'setting the same value asks for no update').to.have.length(2);
    el.remove();
  });

  it('reads attributes (strings, booleans, renamed) and reflects only the properties that say so', async () => {
    const el = make();
    el.setAttribute('label', 'hi');
    el.setAttribute('api-host', 'https://x.test');
    el.setAttribute('open', '');
    document.body.append(el);
    await el.updateComplete;
    expect([el.label, el.apiHost, el.open]).to.deep.equal(['hi', 'https://x.test', true]);
    el.removeAttribute('open');
    el.removeAttribute('label');
    await el.updateComplete;
    expect(el.open).to.equal(false);
    expect(el.label, 'a removed string attribute is null, as in Lit').to.equal(null);

    el.open = true;
    el.apiHost = 'https://y.test';
    el.label = 'not reflected';
    el.data = { attribute: false };
    await el.updateComplete;
    expect(el.hasAttribute('open')).to.equal(true);
    expect(el.getAttribute('api-host')).to.equal('https://y.test');
    expect(el.hasAttribute('label')).to.equal(false);
    expect(el.hasAttribute('data')).to.equal(false);
    el.open = false;
    await el.updateComplete;
    expect(el.hasAttribute('open')).to.equal(false);
    el.remove();
  });

  it('keeps a property a page set before the element was defined', async () => {
    const early = document.createElement('test-host-element-late') as TestHost;
    (early as unknown as { label: string }).label = 'set before define';
    document.body.append(early);
    customElements.define('test-host-element-late', class extends TestHost {});
    await early.updateComplete;
    expect(early.label).to.equal('set before define');
    expect(early.updates[0]).to.include({ label: undefined });
    early.remove();
  });

  it('upgrades an element already in the page: its attributes read, its controllers connected once', async () => {
    const name = 'test-host-element-upgraded';
    const container = document.createElement('div');
    container.innerHTML = `<${name} label="from the page" open></${name}>`;
    document.body.append(container);
    const log: string[] = [];
    customElements.define(
      name,
      class extends TestHost {
        constructor() {
          super();
          this.addController({ hostConnected: () => log.push(`connected with ${this.label}`) });
        }
      },
    );
    const el = container.firstElementChild as TestHost;
    await el.updateComplete;
    expect(log).to.deep.equal(['connected with from the page']);
    expect([el.label, el.open]).to.deep.equal(['from the page', true]);
    container.remove();
  });

  it('runs controllers around the update, as Lit orders them, and connects them with the host', async () => {
    const el = make();
    const log: string[] = [];
    const controller: ReactiveController = {
      hostConnected: () => log.push('connected'),
      hostDisconnected: () => log.push('disconnected'),
      hostUpdate: () => log.push('hostUpdate'),
      hostUpdated: () => log.push('hostUpdated'),
    };
    el.addController(controller);
    document.body.append(el);
    await el.updateComplete;
    expect(log).to.deep.equal(['connected', 'hostUpdate', 'hostUpdated']);
    expect(el.calls).to.deep.equal(['willUpdate', 'update']);
    el.remove();
    expect(log.at(-1)).to.equal('disconnected');
    el.removeController(controller);
    document.body.append(el);
    el.requestUpdate();
    await el.updateComplete;
    expect(log).to.have.length(4);
    el.remove();
  });

  it('folds a change made while updating into that update; one asked for after it makes another', async () => {
    const el = make();
    el.addController({ hostUpdate: () => void (el.data ??= 'from hostUpdate') });
    document.body.append(el);
    await el.updateComplete;
    expect(el.updates).to.have.length(1);
    el.addController({ hostUpdated: () => void (el.label ??= 'from hostUpdated') });
    el.requestUpdate();
    expect(await el.updateComplete, 'another update is pending').to.equal(false);
    await el.updateComplete;
    expect(el.updates.at(-1)).to.deep.equal({ label: undefined });
    el.remove();
  });

  it('adopts its styles in its shadow root', async () => {
    const el = make();
    el.renderRoot.append(document.createElement('span'));
    document.body.append(el);
    await el.updateComplete;
    expect(getComputedStyle(el).color).to.equal('rgb(1, 2, 3)');
    el.remove();
  });
});
