/**
 * The smallest base class fenqi's entry needs: Lit's templates (lit-html) without ReactiveElement, which
 * costs ~2.7 KB gzip of the selector's 14 KB budget (docs/architecture.md has the figures and what is left
 * out). It keeps Lit's shape — `static properties` with `attribute` / `type: Boolean` / `reflect` / `state`,
 * `willUpdate()` → `render()` → `updated(changed)` batched in a microtask, `requestUpdate()`,
 * `updateComplete` — so a component reads like a LitElement, and `custom-elements.json` describes it the
 * same way.
 */
import { render, type RootPart, type TemplateResult } from 'lit/html.js';

/** Tags CSS text for editors and Prettier; the text is used as it is. */
export const css = String.raw;

export interface PropertyOptions {
  /** The attribute's name, or false for a property only. Default: the property name in lower case. */
  attribute?: string | false;
  /** `Boolean`: present attribute = true. Anything else is taken as the attribute's string (or null). */
  type?: BooleanConstructor;
  /** Write the property back to its attribute (only what CSS or forms need). */
  reflect?: boolean;
  /** Internal state: reactive, no attribute. */
  state?: boolean;
}

type Props = Record<string, PropertyOptions>;
type Instance = Record<string, unknown>;

/** A component's events as `GlobalEventHandlersEventMap` entries, from its map of event name → detail. */
export type EventsOf<Details> = { [K in keyof Details]: CustomEvent<Details[K]> };

// Per class (subclasses included, which static #private fields would not allow): attribute → property, and the sheet.
const attributesOf = new WeakMap<object, Map<string, string>>();
const sheets = new WeakMap<object, CSSStyleSheet>();
const warned = new WeakSet<object>();

/** The attribute a property is read from and reflected to, or null for none. */
const attributeOf = (name: string, o: PropertyOptions | undefined): string | null =>
  !o || o.attribute === false || o.state ? null : o.attribute || name.toLowerCase();

// A server rendering the page (Next.js, Nuxt) has no HTMLElement: importing fenqi there must not throw.
const Base = (globalThis.HTMLElement ?? class {}) as typeof HTMLElement;

/**
 * `Events` maps the name of each event the component fires to its detail (the component adds
 * `EventsOf<Events>` to `GlobalEventHandlersEventMap`), so `emit` accepts only those names with their details.
 */
export abstract class FenqiElement<Events extends object = object> extends Base {
  static properties: Props = {};
  /** Component CSS as plain text, adopted as a constructable stylesheet (allowed by a strict style-src). */
  static styles = '';
  static shadowRootOptions: ShadowRootInit = { mode: 'open' };

  static get observedAttributes(): string[] {
    const map = new Map<string, string>();
    for (const [name, o] of Object.entries(this.properties)) {
      const attribute = attributeOf(name, o);
      if (attribute) map.set(attribute, name);
      // Plain fields become accessors that request an update; a class's own accessor (e.g. `value`) stays.
      if (!(name in this.prototype)) {
        const key = Symbol(name);
        Object.defineProperty(this.prototype, name, {
          get(this: Record<symbol, unknown>) {
            return this[key];
          },
          set(this: FenqiElement & Record<symbol, unknown>, value: unknown) {
            const old = this[key];
            this[key] = value;
            if (old !== value) this.requestUpdate(name, old);
          },
        });
      }
    }
    attributesOf.set(this, map);
    return [...map.keys()];
  }

  readonly renderRoot: ShadowRoot;
  #changed = new Map<string, unknown>();
  #pending: Promise<void> | null = null;
  #saved: [string, unknown][];
  /** What lit-html rendered into: told when the element leaves and rejoins the page, for its directives. */
  #part: RootPart | undefined;
  /** Set while writing reflected attributes, whose attributeChangedCallback must not set the property again. */
  #reflecting = false;

  constructor() {
    super();
    const cls = this.constructor as typeof FenqiElement;
    this.renderRoot = this.attachShadow(cls.shadowRootOptions);
    let sheet = sheets.get(cls);
    if (!sheet) {
      sheet = new CSSStyleSheet();
      sheet.replaceSync(cls.styles);
      sheets.set(cls, sheet);
    }
    this.renderRoot.adoptedStyleSheets = [sheet];
    // Properties a page set before the element was defined live on the instance and would hide the
    // accessors: keep them and apply them when connected, over the constructor's defaults.
    this.#saved = Object.keys(cls.properties)
      .filter((name) => Object.hasOwn(this, name))
      .map((name) => {
        const value = (this as unknown as Instance)[name];
        delete (this as unknown as Instance)[name];
        return [name, value];
      });
  }

  connectedCallback(): void {
    // A class field (native, or TypeScript with useDefineForClassFields) is defined on the instance after this
    // base constructor ran and hides the accessor: the property silently stops updating the element. Checked
    // in development only: the widget's build defines FENQI_DEV false, and terser drops the check.
    if ((globalThis as { FENQI_DEV?: boolean }).FENQI_DEV !== false) {
      const cls = this.constructor as typeof FenqiElement;
      const field = Object.keys(cls.properties).find((name) => Object.hasOwn(this, name));
      if (field && !warned.has(cls)) {
        warned.add(cls);
        console.warn(`<${this.localName}>: class field "${field}" hides a reactive property; declare it instead`);
      }
    }
    for (const [name, value] of this.#saved.splice(0)) (this as unknown as Instance)[name] = value;
    this.#part?.setConnected(true);
    // Connecting can change what the element inherits (its nearest lang): always look again.
    this.requestUpdate();
  }

  disconnectedCallback(): void {
    this.#part?.setConnected(false);
  }

  attributeChangedCallback(attribute: string, _old: string | null, value: string | null): void {
    if (this.#reflecting) return;
    const cls = this.constructor as typeof FenqiElement;
    const name = attributesOf.get(cls)!.get(attribute)!;
    (this as unknown as Instance)[name] = cls.properties[name]!.type === Boolean ? value !== null : value;
  }

  /** Schedules an update in a microtask; `name` and its old value are reported to `willUpdate`/`updated`. */
  requestUpdate(name?: string, old?: unknown): void {
    if (name && !this.#changed.has(name)) this.#changed.set(name, old);
    this.#pending ??= Promise.resolve().then(() => this.#update());
  }

  /** Resolves once no update is pending (including updates requested while updating). */
  get updateComplete(): Promise<boolean> {
    return (async () => {
      while (this.#pending) await this.#pending;
      return true;
    })();
  }

  /** Fires one of the component's events, bubbling and composed; false when a listener cancelled it. */
  protected emit<K extends keyof Events & string>(
    type: K,
    detail: Events[K],
    options?: { cancelable?: boolean },
  ): boolean {
    return this.dispatchEvent(new CustomEvent(type, { ...options, bubbles: true, composed: true, detail }));
  }

  #update(): void {
    const changed = this.#changed;
    try {
      if (!this.isConnected) return;
      this.willUpdate(changed);
      // Changes made in willUpdate belong to this update, as in Lit.
      this.#changed = new Map();
      this.#part = render(this.render(), this.renderRoot, { host: this });
      this.#reflecting = true;
      const cls = this.constructor as typeof FenqiElement;
      for (const name of changed.keys()) {
        const o = cls.properties[name];
        const attribute = o?.reflect && attributeOf(name, o);
        if (!attribute) continue;
        const value = (this as unknown as Instance)[name];
        // A Boolean is the attribute's presence; null and undefined are its absence.
        if (o.type === Boolean ? !value : value == null) this.removeAttribute(attribute);
        else this.setAttribute(attribute, o.type === Boolean ? '' : String(value));
      }
      this.#reflecting = false;
      this.updated(changed);
    } finally {
      this.#reflecting = false;
      this.#pending = null;
      if (this.#changed.size && this.isConnected) this.requestUpdate();
    }
  }

  protected willUpdate(_changed: Map<string, unknown>): void {}
  protected abstract render(): TemplateResult;
  protected updated(_changed: Map<string, unknown>): void {}
}
