// FenqiElement on its own, through small test elements: what both components rely on from their base class.
import { expect, fixture, html as fixtureHtml } from '@open-wc/testing';
import { AsyncDirective, directive } from 'lit/async-directive.js';
import { html } from 'lit/html.js';
import { FenqiElement, type PropertyOptions } from '../../widget/internal/element.js';

let tags = 0;
/** Defines `cls` under a fresh tag, so every test has its own class and nothing leaks between tests. */
function define(cls: CustomElementConstructor): string {
  const tag = `test-element-${++tags}`;
  customElements.define(tag, cls);
  return tag;
}

interface TestEvents {
  'test-picked': { id: string };
  'test-ready': null;
}

/** One property of each kind, a record of every render and lifecycle call, and its text in the shadow root. */
class Probe extends FenqiElement<TestEvents> {
  static override properties: Record<string, PropertyOptions> = {
    label: {},
    open: { type: Boolean, reflect: true },
    mode: { reflect: true },
    amountFen: { attribute: 'amount-fen' },
    hidden2: { attribute: false, reflect: true },
    count: { state: true },
  };
  declare label: string | null;
  declare open: boolean;
  declare mode: string | null | undefined;
  declare amountFen: string | null;
  declare hidden2: string;
  declare count: number;
  calls: string[] = [];
  renders = 0;
  /** The `changed` map each hook saw, as entries. */
  seen: { hook: string; changed: [string, unknown][] }[] = [];

  constructor() {
    super();
    this.label = 'default';
    this.open = false;
    this.mode = 'compact';
    this.amountFen = null;
    this.hidden2 = 'no';
    this.count = 0;
  }

  protected override willUpdate(changed: Map<string, unknown>): void {
    this.calls.push('willUpdate');
    this.seen.push({ hook: 'willUpdate', changed: [...changed] });
  }

  protected override render() {
    this.calls.push('render');
    this.renders++;
    return html`<p>${this.label} ${this.count}</p>`;
  }

  protected override updated(changed: Map<string, unknown>): void {
    this.calls.push('updated');
    this.seen.push({ hook: 'updated', changed: [...changed] });
  }

  /** For the tests: `emit` is protected. */
  fire<K extends keyof TestEvents & string>(type: K, detail: TestEvents[K], options?: { cancelable?: boolean }) {
    return this.emit(type, detail, options);
  }
}
const probe = define(Probe);

async function mount(markup = ''): Promise<Probe> {
  const host = await fixture<HTMLElement>(fixtureHtml`<div></div>`);
  host.innerHTML = `<${probe} ${markup}></${probe}>`;
  const el = host.firstElementChild as Probe;
  await el.updateComplete;
  return el;
}

const text = (el: FenqiElement) => el.renderRoot.querySelector('p')!.textContent;

describe('FenqiElement: properties set before the element is defined', () => {
  it('keeps a value the page set before the upgrade, over the constructor default, and it stays reactive', async () => {
    class Late extends Probe {}
    const host = await fixture<HTMLElement>(fixtureHtml`<div></div>`);
    const el = document.createElement('test-element-late') as Probe;
    (el as unknown as { label: string }).label = 'set early';
    host.append(el);
    customElements.define('test-element-late', Late);
    await el.updateComplete;
    expect(el.label).to.equal('set early');
    expect(text(el)).to.equal('set early 0');
    el.label = 'later';
    await el.updateComplete;
    expect(text(el)).to.equal('later 0');
  });
});

describe('FenqiElement: attributes and properties', () => {
  it('reads string attributes, under their lower-case or own name, and null once removed', async () => {
    const el = await mount('label="Hello" amount-fen="100"');
    expect(el.label).to.equal('Hello');
    expect(el.amountFen).to.equal('100');
    expect(text(el)).to.equal('Hello 0');
    el.removeAttribute('label');
    expect(el.label).to.equal(null);
  });

  it('reads a Boolean attribute as its presence', async () => {
    const el = await mount('open');
    expect(el.open).to.equal(true);
    el.removeAttribute('open');
    expect(el.open).to.equal(false);
    el.setAttribute('open', 'false');
    expect(el.open, 'any value, even "false", means present').to.equal(true);
  });

  it('does not observe the attribute of a property-only or state property', async () => {
    const el = await mount('hidden2="yes" count="5"');
    expect(el.hidden2).to.equal('no');
    expect(el.count).to.equal(0);
  });

  it('reflects a Boolean property by adding and removing the attribute', async () => {
    const el = await mount();
    expect(el.hasAttribute('open'), 'false is no attribute').to.equal(false);
    el.open = true;
    await el.updateComplete;
    expect(el.getAttribute('open')).to.equal('');
    el.open = false;
    await el.updateComplete;
    expect(el.hasAttribute('open')).to.equal(false);
    expect(el.open).to.equal(false);
  });

  it('reflects a string property, and removes the attribute for null and undefined without rendering again', async () => {
    const el = await mount();
    expect(el.getAttribute('mode')).to.equal('compact');
    el.mode = 'full';
    await el.updateComplete;
    expect(el.getAttribute('mode')).to.equal('full');

    for (const empty of [null, undefined]) {
      el.mode = 'set';
      await el.updateComplete;
      const renders = el.renders;
      el.mode = empty;
      await el.updateComplete;
      expect(el.hasAttribute('mode'), String(empty)).to.equal(false);
      expect(el.mode, 'the property keeps what was set').to.equal(empty);
      expect(el.renders - renders, `one render for ${String(empty)}`).to.equal(1);
    }
  });

  it('never writes the attribute of a reflected property declared attribute: false', async () => {
    const el = await mount();
    el.hidden2 = 'changed';
    await el.updateComplete;
    expect(el.hasAttribute('hidden2')).to.equal(false);
    expect(el.getAttributeNames()).to.deep.equal(['mode']);
  });
});

describe('FenqiElement: updates', () => {
  it('batches several changes in one task into one render that reports each old value', async () => {
    const el = await mount();
    const renders = el.renders;
    el.seen = [];
    el.label = 'a';
    el.label = 'b';
    el.count = 1;
    el.count = 2;
    expect(el.renders, 'nothing renders synchronously').to.equal(renders);
    await el.updateComplete;
    expect(el.renders - renders).to.equal(1);
    expect(text(el)).to.equal('b 2');
    const changed = [
      ['label', 'default'],
      ['count', 0],
    ];
    expect(el.seen).to.deep.equal([
      { hook: 'willUpdate', changed },
      { hook: 'updated', changed },
    ]);
  });

  it('does not update for a value equal to the current one', async () => {
    const el = await mount();
    const renders = el.renders;
    el.label = 'default';
    await el.updateComplete;
    expect(el.renders).to.equal(renders);
  });

  it('runs willUpdate, render, updated in order; the first update reports every initialised property', async () => {
    const el = await mount('label="x"');
    expect(el.calls).to.deep.equal(['willUpdate', 'render', 'updated']);
    expect(el.seen[0]!.changed.map(([name]) => name).sort()).to.deep.equal(
      ['amountFen', 'count', 'hidden2', 'label', 'mode', 'open'].sort(),
    );
  });

  it('counts a change made in willUpdate in the same update; one made in updated starts another', async () => {
    class Chained extends Probe {
      protected override willUpdate(changed: Map<string, unknown>): void {
        super.willUpdate(changed);
        if (changed.has('label')) this.count = this.label?.length ?? 0;
      }
      protected override updated(changed: Map<string, unknown>): void {
        super.updated(changed);
        if (changed.has('count') && this.count === 5) this.label = 'done';
      }
    }
    const tag = define(Chained);
    const host = await fixture<HTMLElement>(fixtureHtml`<div></div>`);
    const el = document.createElement(tag) as Chained;
    host.append(el);
    await el.updateComplete;
    el.calls = [];
    el.label = 'fives';
    const done = await el.updateComplete;
    expect(done).to.equal(true);
    // 'fives' → count 5 in the same render; updated sets 'done' → a second update, whose count 4 stops it.
    expect(el.calls).to.deep.equal(['willUpdate', 'render', 'updated', 'willUpdate', 'render', 'updated']);
    expect(text(el)).to.equal('done 4');
  });

  it('resolves updateComplete only after the render, and at once when nothing is pending', async () => {
    const el = await mount();
    el.label = 'next';
    expect(text(el)).to.equal('default 0');
    await el.updateComplete;
    expect(text(el)).to.equal('next 0');
    expect(await el.updateComplete).to.equal(true);
  });

  it('does not render while disconnected, and applies what changed meanwhile once connected again', async () => {
    const el = await mount();
    const parent = el.parentElement!;
    el.remove();
    const renders = el.renders;
    el.label = 'offline';
    await el.updateComplete;
    expect(el.renders).to.equal(renders);
    parent.append(el);
    await el.updateComplete;
    expect(text(el)).to.equal('offline 0');
    expect(el.seen.at(-1)!.changed).to.deep.include(['label', 'default']);
  });
});

describe('FenqiElement: directives and events', () => {
  it('tells async directives when the element leaves the page and comes back', async () => {
    const log: string[] = [];
    class Watch extends AsyncDirective {
      render() {
        return 'watching';
      }
      protected override disconnected() {
        log.push('disconnected');
      }
      protected override reconnected() {
        log.push('reconnected');
      }
    }
    const watch = directive(Watch);
    class Watched extends Probe {
      protected override render() {
        return html`<p>${watch()}</p>`;
      }
    }
    const tag = define(Watched);
    const host = await fixture<HTMLElement>(fixtureHtml`<div></div>`);
    const el = document.createElement(tag) as Watched;
    host.append(el);
    await el.updateComplete;
    expect(text(el)).to.equal('watching');
    el.remove();
    expect(log).to.deep.equal(['disconnected']);
    host.append(el);
    expect(log).to.deep.equal(['disconnected', 'reconnected']);
  });

  it('fires its events bubbling out of the shadow root, cancelable when asked', async () => {
    const el = await mount();
    const received: CustomEvent[] = [];
    const listener = (e: Event) => received.push(e as CustomEvent);
    document.addEventListener('test-picked', listener);
    el.addEventListener('test-picked', (e) => e.preventDefault(), { once: true });
    try {
      expect(el.fire('test-picked', { id: 'a' }, { cancelable: true })).to.equal(false);
      expect(el.fire('test-picked', { id: 'b' })).to.equal(true);
    } finally {
      document.removeEventListener('test-picked', listener);
    }
    expect(received.map((e) => [e.detail.id, e.bubbles, e.composed, e.cancelable])).to.deep.equal([
      ['a', true, true, true],
      ['b', true, true, false],
    ]);
    // The event map types emit: an unknown name or a wrong detail does not compile.
    // @ts-expect-error not an event of this element
    expect(() => el.fire('test-unknown', { id: 'c' })).not.to.throw();
    // @ts-expect-error the detail of test-picked has an id
    expect(() => el.fire('test-picked', { name: 'c' })).not.to.throw();
  });
});

describe('FenqiElement: development warnings', () => {
  it('warns once per class when a class field hides a reactive property', async () => {
    class Shadowed extends Probe {
      constructor() {
        super();
        // What a class field compiled with define semantics (native fields, useDefineForClassFields) does.
        Object.defineProperty(this, 'label', { value: 'field', writable: true, enumerable: true, configurable: true });
      }
    }
    const tag = define(Shadowed);
    const warnings: string[] = [];
    const original = console.warn;
    console.warn = (...args: unknown[]) => warnings.push(args.join(' '));
    try {
      const host = await fixture<HTMLElement>(fixtureHtml`<div></div>`);
      host.append(document.createElement(tag), document.createElement(tag));
      await (host.firstElementChild as Shadowed).updateComplete;
      // The plain Probe, whose properties are declared, is not warned about.
      await mount();
    } finally {
      console.warn = original;
    }
    expect(warnings).to.have.length(1);
    expect(warnings[0]).to.contain(`<${tag}>`).and.contain('"label"');
  });
});
