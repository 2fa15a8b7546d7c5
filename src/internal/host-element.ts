import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** How a property meets its attribute: the options of Lit's `static properties` that the first file uses. */
export interface PropertyOptions {
  /** The attribute's name, or `false` for none; by default the property's name in lower case. */
  attribute?: string | false;
  /** A boolean attribute (present or absent); otherwise the attribute's string (`null` once removed). */
  type?: typeof Boolean;
  /** Written back to the attribute when the property changes. */
  reflect?: boolean;
}

/** The properties changed since the last update, each with its previous value, as Lit's `PropertyValues`. */
export interface Changes<T> {
  has(name: keyof T): boolean;
  get(name: keyof T): unknown;
}

const attributeOf = (name: string, { attribute }: PropertyOptions) =>
  attribute === false ? undefined : (attribute ?? name.toLowerCase());

/**
 * The base of `<support-chat>`: Lit's ReactiveElement cut to what the first file needs, since
 * that file is what every page loads before the visitor opens the widget, and ReactiveElement
 * with its style helpers is 2 kB of it. The same contract, so that Lit's controllers and
 * habits apply: declared properties with attributes (`static properties`), updates batched in
 * a microtask once connected, `willUpdate` → controllers' `hostUpdate` → `update` (reflecting
 * attributes) → controllers' `hostUpdated`, and `updateComplete`. Left out: converters other
 * than string and boolean, `hasChanged`, `render()` (subclasses draw in `update`), and styles
 * for browsers without constructable stylesheets (the widget's CSS needs newer ones anyway).
 */
export abstract class HostElement extends HTMLElement implements ReactiveControllerHost {
  static properties: Record<string, PropertyOptions> = {};
  static styles: CSSStyleSheet[] = [];

  /** Called once by `customElements.define()`: makes each declared property an accessor that asks for an update. */
  static get observedAttributes(): string[] {
    for (const name of Object.keys(this.properties)) {
      Object.defineProperty(this.prototype, name, {
        get(this: HostElement) {
          return this.#values.get(name);
        },
        set(this: HostElement, value: unknown) {
          const old = this.#values.get(name);
          this.#values.set(name, value);
          this.requestUpdate(name, old);
        },
        configurable: true,
      });
    }
    return Object.entries(this.properties).flatMap(([name, options]) => attributeOf(name, options) ?? []);
  }

  readonly renderRoot: ShadowRoot;
  readonly #values = new Map<PropertyKey, unknown>();
  readonly #controllers = new Set<ReactiveController>();
  #changes = new Map<PropertyKey, unknown>();
  /** Properties whose attribute is to be written at the next update. */
  readonly #toReflect = new Set<string>();
  /** The property being set from its attribute, which is not written back. */
  #fromAttribute: string | undefined;
  #pending = false;
  /** Between connectedCallback and disconnectedCallback: not `isConnected`, which is already true while an element in the page is upgraded. */
  #connected = false;
  #connectedOnce!: () => void;
  #updating: Promise<boolean> = new Promise<boolean>((resolve) => (this.#connectedOnce = () => resolve(true))).then(() =>
    this.#update(),
  );
  /** Properties a page set before the element was defined: they shadow the accessors until the first update. */
  #early?: Array<[string, unknown]>;

  constructor() {
    super();
    const constructor = this.constructor as typeof HostElement;
    this.renderRoot = this.attachShadow({ mode: 'open' });
    this.renderRoot.adoptedStyleSheets = constructor.styles;
    for (const name of Object.keys(constructor.properties)) {
      if (!Object.hasOwn(this, name)) continue;
      (this.#early ??= []).push([name, this[name as keyof this]]);
      delete this[name as keyof this];
    }
    this.#pending = true; // the first update, once connected
  }

  /** Resolves once no update is pending: `true`, or `false` when an update asked for another. */
  get updateComplete(): Promise<boolean> {
    return this.#updating;
  }

  addController(controller: ReactiveController) {
    this.#controllers.add(controller);
    if (this.#connected) controller.hostConnected?.();
  }

  removeController(controller: ReactiveController) {
    this.#controllers.delete(controller);
  }

  connectedCallback() {
    this.#connected = true;
    this.#connectedOnce();
    for (const controller of this.#controllers) controller.hostConnected?.();
  }

  disconnectedCallback() {
    this.#connected = false;
    for (const controller of this.#controllers) controller.hostDisconnected?.();
  }

  attributeChangedCallback(attribute: string, _old: string | null, value: string | null) {
    const properties = (this.constructor as typeof HostElement).properties;
    const entry = Object.entries(properties).find(([name, options]) => attributeOf(name, options) === attribute);
    if (!entry) return;
    const [name, options] = entry;
    this.#fromAttribute = name;
    (this as Record<string, unknown>)[name] = options.type === Boolean ? value !== null : value;
    this.#fromAttribute = undefined;
  }

  /** Asks for an update, noting `name`'s previous value when a property changed (none when it did not). */
  requestUpdate(name?: string, old?: unknown) {
    if (name !== undefined) {
      if (Object.is(old, this[name as keyof this])) return;
      if (!this.#changes.has(name)) this.#changes.set(name, old);
      const options = (this.constructor as typeof HostElement).properties[name];
      if (options?.reflect && this.#fromAttribute !== name) this.#toReflect.add(name);
    }
    if (this.#pending) return;
    this.#pending = true;
    this.#updating = Promise.resolve().then(() => this.#update());
  }

  #update(): boolean {
    for (const [name, value] of this.#early ?? []) (this as Record<string, unknown>)[name] = value;
    this.#early = undefined;
    const changes = this.#changes;
    try {
      this.willUpdate(changes);
      for (const controller of this.#controllers) controller.hostUpdate?.();
      this.update(changes);
    } finally {
      this.#changes = new Map();
      this.#pending = false;
    }
    for (const controller of this.#controllers) controller.hostUpdated?.();
    return !this.#pending;
  }

  /** Before the update: compute what it needs from the changed properties. */
  protected willUpdate(_changes: Changes<this>) {}

  /** The update itself: writes the reflected attributes; subclasses then draw. */
  protected update(_changes: Changes<this>) {
    const properties = (this.constructor as typeof HostElement).properties;
    for (const name of this.#toReflect) {
      const attribute = attributeOf(name, properties[name])!;
      const value = this[name as keyof this];
      this.#fromAttribute = name;
      if (properties[name].type === Boolean) this.toggleAttribute(attribute, Boolean(value));
      else if (value == null) this.removeAttribute(attribute);
      else this.setAttribute(attribute, String(value));
      this.#fromAttribute = undefined;
    }
    this.#toReflect.clear();
  }
}
