// The selector's styling API: custom properties and ::part() reach inside, the page's font is inherited,
// dark mode follows prefers-color-scheme, and the layout mirrors on right-to-left pages.
import { expect } from '@open-wc/testing';
import type { FenqiPlanSelector } from '../../widget/plan-selector/plan-selector.js';
import { $, $$, chooseTerm, DATE, mount, storeConfig } from './plan-selector.fixtures.js';
import { html } from 'lit';
import { emulateColorScheme } from '../helpers/engine.js';

const style = (el: Element) => getComputedStyle(el);

/**
 * The selector's own `prefers-color-scheme: dark` rules, added without their condition: what the shopper's dark
 * preference would apply. For WebKit, whose WebDriver cannot switch the preference.
 */
function applyDarkRules(el: FenqiPlanSelector): void {
  const root = el.shadowRoot!;
  const dark = new CSSStyleSheet();
  for (const sheet of [...root.adoptedStyleSheets, ...root.styleSheets])
    for (const rule of sheet.cssRules)
      if (rule instanceof CSSMediaRule && /prefers-color-scheme:\s*dark/.test(rule.conditionText))
        for (const inner of rule.cssRules) dark.insertRule(inner.cssText, dark.cssRules.length);
  expect(dark.cssRules.length, 'dark rules found').to.be.greaterThan(0);
  root.adoptedStyleSheets = [...root.adoptedStyleSheets, dark];
}

async function styledSelector(css: string, attrs: { dir?: string } = {}): Promise<FenqiPlanSelector> {
  const host = await mount(
    html`<div dir=${attrs.dir ?? 'ltr'}>
      <style>
        ${css}
      </style>
      <fenqi-plan-selector amount="5999.00" purchase-date=${DATE} .config=${storeConfig()}></fenqi-plan-selector>
    </div>`,
  );
  const el = host.querySelector<FenqiPlanSelector>('fenqi-plan-selector')!;
  await el.updateComplete;
  return el;
}

describe('<fenqi-plan-selector> styling', () => {
  afterEach(() => emulateColorScheme('light'));

  it('takes --fenqi-accent for the chosen term and --fenqi-radius for the cards', async () => {
    const el = await styledSelector('fenqi-plan-selector { --fenqi-accent: rgb(0, 128, 0); --fenqi-radius: 3px; }');
    await chooseTerm(el, 12);
    const chosen = $$(el, '[part="term"]').find((card) => card.querySelector('input')!.checked)!;
    expect(style(chosen).borderColor).to.equal('rgb(0, 128, 0)');
    expect(style(chosen).borderTopLeftRadius).to.equal('3px');
  });

  it('lets the page style its parts', async () => {
    const el = await styledSelector(
      'fenqi-plan-selector::part(term) { background-color: rgb(1, 2, 3); } fenqi-plan-selector::part(summary) { color: rgb(4, 5, 6); }',
    );
    expect(style($(el, '[part="term"]')!).backgroundColor).to.equal('rgb(1, 2, 3)');
    expect(style($(el, '[part="summary"]')!).color).to.equal('rgb(4, 5, 6)');
  });

  it('inherits the page’s font', async () => {
    const el = await styledSelector('div { font-family: Georgia, serif; font-size: 19px; }');
    expect(style($(el, '[part="term"]')!).fontFamily).to.contain('Georgia');
    expect(style($(el, '[part="term"]')!).fontSize).to.equal('19px');
  });

  it('switches to the dark accent when the shopper prefers a dark scheme', async () => {
    const el = await styledSelector('');
    await chooseTerm(el, 12);
    const chosen = () => $$(el, '[part="term"]').find((card) => card.querySelector('input')!.checked)!;
    expect(style(chosen()).borderColor).to.equal('rgb(255, 103, 0)');
    // WebKit's WebDriver cannot emulate prefers-color-scheme: there the same rules are applied directly, which
    // still shows that WebKit parses them and that they reach the chosen card.
    if (!(await emulateColorScheme('dark'))) applyDarkRules(el);
    expect(style(chosen()).borderColor).to.equal('rgb(255, 138, 61)');
  });

  it('mirrors on a right-to-left page: badges sit on the inline start side of their text', async () => {
    for (const dir of ['ltr', 'rtl']) {
      const el = await styledSelector('', { dir });
      const badge = $(el, '[part~="badge"]')!;
      expect(style(badge).direction).to.equal(dir);
      const margin = dir === 'ltr' ? style(badge).marginLeft : style(badge).marginRight;
      expect(margin, `${dir}: margin on the inline start`).to.equal('4px');
    }
  });
});
