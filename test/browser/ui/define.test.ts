import { expect } from '@open-wc/testing';
import { define } from '../../../src/internal/define.js';
import { VERSION } from '../../../src/version.js';
import '../../../src/index.js';

/** Calls `run` with console.warn and console.error recorded (and silenced). */
function captureConsole(run: () => void) {
  const said: string[] = [];
  const { warn, error } = console;
  console.warn = (...args: unknown[]) => void said.push(`warn ${args.join(' ')}`);
  console.error = (...args: unknown[]) => void said.push(`error ${args.join(' ')}`);
  try {
    run();
  } finally {
    Object.assign(console, { warn, error });
  }
  return said;
}

describe('define(): a name already taken on the page', () => {
  it('says in one console error that another script holds the name, and does not throw', () => {
    class Foreign extends HTMLElement {}
    customElements.define('x-taken-by-a-stranger', Foreign);
    const said = captureConsole(() => define('x-taken-by-a-stranger', class extends HTMLElement {}));
    expect(said).to.have.length(1);
    expect(said[0]).to.match(/^error /);
    expect(said[0]).to.contain('<x-taken-by-a-stranger> is already defined on this page by another script (class Foreign)');
    expect(said[0]).to.contain(`support-chat ${VERSION}`);
    expect(customElements.get('x-taken-by-a-stranger')).to.equal(Foreign);
  });

  it('names the other support-chat version once, however many of its elements collide', () => {
    for (const name of ['x-old-copy-a', 'x-old-copy-b']) {
      const old = class extends HTMLElement {};
      (old as unknown as Record<symbol, string>)[Symbol.for('support-chat.version')] = '0.0.1';
      customElements.define(name, old);
    }
    const said = captureConsole(() => {
      define('x-old-copy-a', class extends HTMLElement {});
      define('x-old-copy-b', class extends HTMLElement {});
    });
    expect(said).to.have.length(1);
    expect(said[0]).to.match(/^warn .*already defined by support-chat 0\.0\.1/);
  });

  it('stays silent when the same version is loaded twice', () => {
    const before = customElements.get('support-chat');
    expect(before).to.not.equal(undefined);
    const said = captureConsole(() => define('support-chat', class extends HTMLElement {}));
    expect(said).to.deep.equal([]);
    expect(customElements.get('support-chat')).to.equal(before);
  });
});
