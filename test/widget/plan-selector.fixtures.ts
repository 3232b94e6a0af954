// Helpers for the selector's component tests; the store config they use is in plan-selector.config.ts.
import { fixture, html } from '@open-wc/testing';
import { render, type TemplateResult } from 'lit';
import '../../widget/plan-selector/plan-selector.js';
import type { FenqiPlanSelector } from '../../widget/plan-selector/plan-selector.js';
import { DATE, storeConfig } from './plan-selector.config.js';

export { DATE, storeConfig };

/** A selector for `amount` with the store config, rendered and settled. */
export async function selector(amount = '5999.00', extra: Partial<FenqiPlanSelector> = {}): Promise<FenqiPlanSelector> {
  const el = await fixture<FenqiPlanSelector>(
    html`<fenqi-plan-selector amount=${amount} purchase-date=${DATE} .config=${storeConfig()}></fenqi-plan-selector>`,
  );
  Object.assign(el, extra);
  await el.updateComplete;
  return el;
}

const mounted: HTMLElement[] = [];
afterEach(() => mounted.splice(0).forEach((host) => host.remove()));

/**
 * Renders a template holding selectors (in a wrapper such as a form or a `lang` div) and waits for them.
 * Not open-wc's `fixture()`: for a plain wrapper it waits for an animation frame, and a test page that
 * runs in a background tab (wtr runs files side by side) gets none.
 */
export async function mount<T extends Element = HTMLElement>(template: TemplateResult): Promise<T> {
  const host = document.createElement('div');
  mounted.push(host);
  document.body.append(host);
  render(template, host);
  await Promise.all([...host.querySelectorAll('fenqi-plan-selector')].map((el) => el.updateComplete));
  return host.firstElementChild as T;
}

export const $ = <T extends Element = HTMLElement>(el: Element, css: string): T => {
  const found = el.shadowRoot!.querySelector<T>(css);
  if (!found) throw new Error(`no ${css} in <${el.localName}>`);
  return found;
};

export const $$ = <T extends Element = HTMLElement>(el: Element, css: string): T[] => [
  ...el.shadowRoot!.querySelectorAll<T>(css),
];

/** The term card for `term` of the shown provider. */
export const termCard = (el: Element, term: number) => $(el, `[part="term"][data-term="${term}"]`);

/** Text as a sighted shopper reads it: whitespace collapsed, screen-reader-only twins left out. */
export function visibleText(node: Element | ShadowRoot): string {
  const parts: string[] = [];
  for (const child of node.childNodes) {
    if (child instanceof Element && child.classList.contains('sr')) continue;
    if (child instanceof Element) parts.push(visibleText(child));
    else if (child.nodeType === Node.TEXT_NODE) parts.push(child.textContent ?? '');
  }
  return parts.join(' ').replace(/\s+/g, ' ').trim();
}

export { capturingErrors } from '../helpers/console.js';

/** Clicks a provider by name. */
export async function chooseProvider(el: FenqiPlanSelector, name: string): Promise<void> {
  const label = $$(el, '[part="provider"]').find((l) => l.textContent!.trim() === name);
  if (!label) throw new Error(`no provider ${name}`);
  label.querySelector('input')!.click();
  await el.updateComplete;
}

/** Clicks a term of the shown provider. */
export async function chooseTerm(el: FenqiPlanSelector, term: number): Promise<void> {
  termCard(el, term).querySelector('input')!.click();
  await el.updateComplete;
}
