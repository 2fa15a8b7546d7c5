import { VERSION } from '../version.js';

/** Set on every element class this package registers, to tell its own copies from a stranger. */
const MARK = Symbol.for('support-chat.version');

type Marked = CustomElementConstructor & { [MARK]?: string };

/** Said once per page load of this script: a second copy collides on every element name. */
let warnedAboutCopy = false;

/**
 * Registers an element once. Loading the script twice on a page must not throw; and when the
 * name is already taken, the page's author must hear plainly why the widget does not show,
 * and who has the name: another version of this package, or another script altogether.
 */
export function define(name: string, constructor: CustomElementConstructor) {
  const existing = customElements.get(name) as Marked | undefined;
  if (!existing) {
    (constructor as Marked)[MARK] = VERSION;
    customElements.define(name, constructor);
    return;
  }
  const theirs = existing[MARK];
  if (theirs === VERSION) return; // the same version loaded twice: nothing is lost
  if (theirs !== undefined) {
    if (warnedAboutCopy) return;
    warnedAboutCopy = true;
    console.warn(
      `support-chat ${VERSION}: <${name}> and the other support-chat elements are already defined by support-chat ${theirs}, ` +
        `loaded earlier on this page; that version stays in use and ${VERSION} is not registered. Load one copy of support-chat only.`,
    );
    return;
  }
  console.error(
    `support-chat ${VERSION}: <${name}> is already defined on this page by another script (class ${existing.name || 'anonymous'}), ` +
      `not by support-chat; a custom element name can be defined only once, so support-chat's <${name}> is not registered and will not work here.`,
  );
}
