/** Registers an element once: loading the script twice on a page must not throw. */
export function define(name: string, constructor: CustomElementConstructor) {
  if (!customElements.get(name)) customElements.define(name, constructor);
}
