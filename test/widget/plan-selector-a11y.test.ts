import { expect, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { FenqiPlanSelector } from '../../widget/plan-selector/plan-selector.js';
import {
  $,
  $$,
  DATE,
  mount,
  capturingErrors,
  chooseProvider,
  chooseTerm,
  selector,
  storeConfig,
  termCard,
} from './plan-selector.fixtures.js';

/** The element focused inside the selector's shadow root. */
const focused = (el: FenqiPlanSelector) => el.shadowRoot!.activeElement as HTMLInputElement | null;

async function keyboardSelector(): Promise<FenqiPlanSelector> {
  const wrapper = await mount<HTMLElement>(
    html`<div>
      <button>before</button>
      <fenqi-plan-selector amount="5999.00" purchase-date=${DATE} .config=${storeConfig()}></fenqi-plan-selector>
    </div>`,
  );
  const el = wrapper.querySelector('fenqi-plan-selector')!;
  await el.updateComplete;
  wrapper.querySelector('button')!.focus();
  return el;
}

describe('<fenqi-plan-selector> accessibility', () => {
  it('passes axe: suggestion shown, plan chosen with the schedule open, in zh-CN, and in its error state', async () => {
    const el = await selector('5999.00');
    await expect(el).to.be.accessible();
    await chooseTerm(el, 12);
    $<HTMLDetailsElement>(el, 'details').open = true;
    await new Promise((r) => setTimeout(r));
    await el.updateComplete;
    await expect(el).to.be.accessible();

    const zh = await mount<HTMLElement>(
      html`<div lang="zh-CN">
        <fenqi-plan-selector amount="500" purchase-date=${DATE} .config=${storeConfig()}></fenqi-plan-selector>
      </div>`,
    );
    await zh.querySelector('fenqi-plan-selector')!.updateComplete;
    await expect(zh).to.be.accessible();

    await capturingErrors(async () => {
      el.amount = 'abc';
      await el.updateComplete;
    });
    await expect(el).to.be.accessible();
  });

  it('reads each term with the currency’s name, not just ¥', async () => {
    const el = await selector('5999.00');
    expect(termCard(el, 12).querySelector('input')!.getAttribute('aria-label')).to.equal(
      '535.90 Chinese yuan × 11 + 536.03 Chinese yuan, incl. 35.99 Chinese yuan fee / month, Suggested',
    );
    const zh = await mount<HTMLElement>(
      html`<div lang="zh-CN">
        <fenqi-plan-selector amount="500" purchase-date=${DATE} .config=${storeConfig()}></fenqi-plan-selector>
      </div>`,
    );
    const z = zh.querySelector('fenqi-plan-selector')!;
    await z.updateComplete;
    await chooseProvider(z, '信用卡分期');
    expect(termCard(z, 6).querySelector('input')!.getAttribute('aria-label')).to.equal('6期, 满600.00人民币可用');
    expect($(el, '[part="summary"] dd .sr').textContent).to.equal('431.93 Chinese yuan');
  });

  it('moves through a group with the arrow keys and between groups with Tab', async () => {
    const el = await keyboardSelector();
    const changes: string[] = [];
    el.addEventListener('fenqi-plan-change', (e) => changes.push(`${e.detail.provider}:${e.detail.term}`));

    await sendKeys({ press: 'Tab' });
    expect(focused(el)?.name, 'Tab lands on the checked provider').to.equal('provider');
    expect(focused(el)?.value).to.equal('card');
    await sendKeys({ press: 'ArrowRight' });
    await el.updateComplete;
    expect(focused(el)?.value).to.equal('loan');
    expect($$(el, '[part="term"]').map((t) => t.dataset['term'])).to.deep.equal(['6', '12']);

    await sendKeys({ press: 'Tab' });
    expect(focused(el)?.name, 'one Tab stop per group').to.equal('term');
    await sendKeys({ press: 'ArrowDown' });
    await el.updateComplete;
    expect(el.value).to.equal('loan:12');
    await sendKeys({ press: 'ArrowUp' });
    await el.updateComplete;
    expect(el.value).to.equal('loan:6');
    expect(changes).to.deep.equal(['loan:null', 'loan:12', 'loan:6']);
  });

  it('shows where the keyboard focus is', async () => {
    const el = await keyboardSelector();
    await sendKeys({ press: 'Tab' });
    const card = focused(el)!.closest('label')!;
    expect(getComputedStyle(card).outlineStyle).to.equal('solid');
    expect(getComputedStyle(card).outlineWidth).to.equal('2px');
  });

  it('opens the schedule from the keyboard', async () => {
    const el = await keyboardSelector();
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Tab' });
    expect(focused(el)?.localName).to.equal('summary');
    await sendKeys({ press: 'Enter' });
    await new Promise((r) => setTimeout(r));
    await el.updateComplete;
    expect($$(el, '[part="schedule"] tr')).to.have.length(13);
  });
});
