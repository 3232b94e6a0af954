// The bill panel's tests on the merchant kit (fenqi/testing), as a merchant's own tests would be: a panel on a
// page against a FakeMerchant with the kit's plans on its business date (2026-03-10), waits for the state a
// shopper would see (never a fixed pause: the dialogs arrive in a chunk of their own), and, for the few answers
// no merchant means to send, the kit's own answer altered.
import { fixture, html } from '@open-wc/testing';
import '../../widget/bill-panel/bill-panel.js';
import type { FenqiBillPanel } from '../../widget/bill-panel/bill-panel.js';
import { FakeMerchant, FIXTURE_AS_OF, type FakeRoute, waitFor, whenReady } from '../../widget/testing.js';

export const TODAY = FIXTURE_AS_OF;

/** A panel on a `lang` page showing `merchant`'s plans on `today`, once it shows them (or its error state). */
export async function panelWith(
  merchant: FakeMerchant = new FakeMerchant(),
  lang = 'zh-CN',
  today = TODAY,
): Promise<FenqiBillPanel> {
  const wrapper = await fixture<HTMLElement>(
    html`<div lang=${lang}><fenqi-bill-panel .adapter=${merchant} today=${today}></fenqi-bill-panel></div>`,
  );
  const panel = wrapper.querySelector('fenqi-bill-panel')!;
  await whenReady(panel);
  return panel;
}

export const $ = <T extends Element = HTMLElement>(panel: FenqiBillPanel, selector: string): T =>
  panel.shadowRoot!.querySelector<T>(selector)!;
export const $$ = <T extends Element = HTMLElement>(panel: FenqiBillPanel, selector: string): T[] => [
  ...panel.shadowRoot!.querySelectorAll<T>(selector),
];
export const planItem = (panel: FenqiBillPanel, id: string) => $(panel, `li[data-plan="${id}"]`);
/** Visible text only: the screen-reader copies of amounts are left out. */
export function visibleText(el: Element): string {
  const copy = el.cloneNode(true) as Element;
  copy.querySelectorAll('.visually-hidden').forEach((n) => n.remove());
  return (copy.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/** The first element of `panel` matching `selector` whose visible text is not empty, once there is one. */
export const saying = (panel: FenqiBillPanel, selector: string, within: ParentNode = panel.shadowRoot!) =>
  waitFor(panel, () => [...within.querySelectorAll<HTMLElement>(selector)].find((e) => visibleText(e) !== ''), {
    what: `text in ${selector}`,
  });

/** Resolves once `dialog` has no request out (its form is not busy, or its result replaced the form). */
export const idle = (panel: FenqiBillPanel, dialog: Element) =>
  waitFor(panel, () => !dialog.querySelector('form[aria-busy="true"]'), { what: 'the answer' });

/**
 * Presses `flow`'s button (Repay or 修改支付方式) on plan `planId` as a shopper does, and resolves with its dialog
 * once that shows `ready` (the payment methods, or why there are none).
 */
async function openFlow(panel: FenqiBillPanel, flow: 'repay' | 'method', planId: string, ready: string) {
  const button = planItem(panel, planId).querySelector<HTMLButtonElement>(`button.${flow}`)!;
  button.focus();
  button.click();
  const dialog = await waitFor(panel, () => $<HTMLDialogElement>(panel, `dialog.${flow}[open]`), {
    what: `the ${flow} dialog`,
  });
  await waitFor(panel, () => dialog.querySelector(ready), { what: 'the payment methods' });
  return dialog;
}

/** Opens the repay dialog of `planId`, once it shows the payment methods (or why not). */
export const openRepay = (panel: FenqiBillPanel, planId = 'plan-overdue') =>
  openFlow(panel, 'repay', planId, 'select option[value], .methods');

/** Opens the payment-method dialog of `planId`, once it lists the methods. */
export const openMethod = (panel: FenqiBillPanel, planId = 'plan-overdue') =>
  openFlow(panel, 'method', planId, 'input[name="method"]');

/** Resolves once `dialog` is closed and gone from the panel. */
export const closed = (panel: FenqiBillPanel, dialog: Element) =>
  waitFor(panel, () => !dialog.isConnected && !$(panel, 'dialog'), { what: 'the dialog to close' });

/**
 * Answers no merchant means to send, which the kit therefore does not script (a receipt with another figure,
 * a 409 whose total this page cannot reach, plans without their date): the kit's own answers to `route` from now
 * on, passed through `answer`, and its refusals through `refusal`.
 */
export function alter(
  merchant: FakeMerchant,
  route: FakeRoute,
  { answer = (a) => a, refusal = (e) => e }: { answer?: (answer: any) => unknown; refusal?: (error: any) => unknown },
): void {
  const real = (merchant[route] as (...args: unknown[]) => Promise<unknown>).bind(merchant);
  Object.assign(merchant, {
    [route]: (...args: unknown[]) =>
      real(...args).then(answer, (error) => {
        throw refusal(error);
      }),
  });
}

/** Collects the bridge messages the page posts while `run` runs. */
export async function bridgeMessages(run: () => Promise<unknown>): Promise<Array<{ type: string; payload: any }>> {
  const seen: Array<{ type: string; payload: any }> = [];
  const listen = (e: MessageEvent) => {
    if (e.data?.fenqi === 1) seen.push(e.data);
  };
  window.addEventListener('message', listen);
  try {
    await run();
    // Messages to one window arrive in order: once this one is back, everything posted before it is in.
    await new Promise<void>((resolve) => {
      const done = (e: MessageEvent) => {
        if (e.data !== 'fenqi-test-flush') return;
        window.removeEventListener('message', done);
        resolve();
      };
      window.addEventListener('message', done);
      window.postMessage('fenqi-test-flush', '*');
    });
  } finally {
    window.removeEventListener('message', listen);
  }
  return seen;
}
