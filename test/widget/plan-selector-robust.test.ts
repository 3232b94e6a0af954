import { expect, html, oneEvent } from '@open-wc/testing';
import type { FenqiPlanSelector, PlanSelectorErrorDetail } from '../../widget/plan-selector/plan-selector.js';
import {
  $,
  $$,
  DATE,
  mount,
  capturingErrors,
  selector,
  storeConfig,
  termCard,
  visibleText,
} from './plan-selector.fixtures.js';

/**
 * Renders a selector with `props`, and returns what it logged, fired and showed. With `fetches`, it waits for
 * the fenqi-error that the config-src fetch ends in (however soon that comes).
 */
async function broken(props: Partial<FenqiPlanSelector>, { fetches = false, lang = '' } = {}) {
  const errors: PlanSelectorErrorDetail[] = [];
  let el!: FenqiPlanSelector;
  const logged = await capturingErrors(async () => {
    el = document.createElement('fenqi-plan-selector');
    const failed = new Promise((done) => el.addEventListener('fenqi-error', done, { once: true }));
    el.addEventListener('fenqi-error', (e) => errors.push(e.detail));
    Object.assign(el, { purchaseDate: DATE, config: storeConfig(), ...props });
    const page = document.createElement('div');
    page.lang = lang;
    page.append(el);
    document.body.append(page);
    await el.updateComplete;
    if (fetches) await failed;
    await el.updateComplete;
  });
  const alert = el.shadowRoot!.querySelector('[role="alert"]');
  el.parentElement!.remove();
  return { logged, errors, alert: alert ? visibleText(alert) : null };
}

describe('<fenqi-plan-selector> on bad input', () => {
  for (const amount of ['abc', '-1', '1e3', '0x10', ' 100 ', '5999.001', '100000000000.01', 'Infinity']) {
    it(`shows an error for amount "${amount}", logs it once and fires fenqi-error`, async () => {
      const { logged, errors, alert } = await broken({ amount });
      expect(errors).to.have.length(1);
      expect(errors[0]!.code).to.equal('invalid-amount');
      expect(logged).to.deep.equal([`<fenqi-plan-selector>: ${errors[0]!.message}`]);
      expect(errors[0]!.message).to.contain(`"${amount}"`);
      expect(alert).to.contain('Installments are not available right now.');
    });
  }

  for (const amountFen of ['1.5', '0', '-5', '1e3', ' 5', '10000000000001']) {
    it(`rejects amount-fen "${amountFen}"`, async () => {
      const { errors } = await broken({ amountFen });
      expect(errors.map((e) => e.code)).to.deep.equal(['invalid-amount']);
    });
  }

  it('rejects an amount of zero', async () => {
    const { errors } = await broken({ amount: '0.00' });
    expect(errors.map((e) => e.code)).to.deep.equal(['invalid-amount']);
  });

  it('names the JSON path of a malformed config', async () => {
    const config = storeConfig();
    (config.providers[1]!.fee as { ratePct: string }).ratePct = '-0.6';
    const { errors, logged, alert } = await broken({ amount: '5999', config });
    expect(errors.map((e) => e.code)).to.deep.equal(['invalid-config']);
    expect(logged).to.have.length(1);
    expect(logged[0]).to.contain('$.providers[1].fee.ratePct');
    expect(errors[0]!.message).to.contain('$.providers[1].fee.ratePct');
    // The shopper reads one sentence in their language; the JSON path is for the merchant's developers.
    expect(alert).to.equal('Installments are not available right now.');
  });

  it('shows a zh-CN shopper only Chinese; the English detail goes to the merchant', async () => {
    const config = storeConfig();
    (config.providers[1]!.fee as { ratePct: string }).ratePct = '-0.6';
    const { errors, logged, alert } = await broken({ amount: '5999', config }, { lang: 'zh-CN' });
    expect(alert).to.equal('暂时无法提供分期付款。');
    expect(errors[0]!.message).to.contain('$.providers[1].fee.ratePct');
    expect(logged[0]).to.contain('$.providers[1].fee.ratePct');
  });

  it('rejects a config that is not JSON', async () => {
    const { errors } = await broken({ amount: '5999', config: '<html>' });
    expect(errors[0]!.message).to.match(/not valid JSON/);
  });

  it('rejects a value naming a provider or term the store does not offer', async () => {
    for (const value of ['alipay:12', 'huabei:24', 'huabei']) {
      const { errors } = await broken({ amount: '5999', value });
      expect(
        errors.map((e) => e.code),
        value,
      ).to.deep.equal(['unknown-plan']);
      expect(errors[0]!.message).to.contain(`"${value}"`);
    }
  });

  it('rejects a currency other than the config’s', async () => {
    const { errors } = await broken({ amount: '5999', currency: 'USD' });
    expect(errors.map((e) => e.code)).to.deep.equal(['invalid-currency']);
  });

  it('rejects an impossible purchase-date', async () => {
    const { errors } = await broken({ amount: '5999', purchaseDate: '2023-02-29' });
    expect(errors.map((e) => e.code)).to.deep.equal(['invalid-date']);
  });

  it('reports a config-src that answers 404', async () => {
    // A stubbed 404, so the test runner does not report a failed request of its own.
    const realFetch = window.fetch;
    window.fetch = async () => new Response('Not found', { status: 404 });
    try {
      const result = await broken(
        { amount: '5999', config: undefined, configSrc: '/no/such/config.json' },
        { fetches: true },
      );
      expect(result.errors.map((e) => e.code)).to.deep.equal(['config-unavailable']);
      expect(result.errors[0]!.message).to.contain('404');
    } finally {
      window.fetch = realFetch;
    }
  });

  it('reports a config-src it cannot reach', async () => {
    const result = await broken(
      { amount: '5999', config: undefined, configSrc: 'http://127.0.0.1:9/config.json' },
      { fetches: true },
    );
    expect(result.errors.map((e) => e.code)).to.deep.equal(['config-unavailable']);
  });

  it('gives up on a config-src that does not answer within its timeout (15 s, or the timeout attribute)', async () => {
    // The fetch hangs until its signal aborts; the timeout asked for is shortened to 0 ms so no test waits.
    const [realFetch, realTimeout] = [window.fetch, AbortSignal.timeout];
    const asked: number[] = [];
    AbortSignal.timeout = (ms) => (asked.push(ms), realTimeout.call(AbortSignal, 0));
    window.fetch = (_input, init) =>
      new Promise((_, reject) => init!.signal!.addEventListener('abort', () => reject(init!.signal!.reason)));
    try {
      const result = await broken(
        { amount: '5999', config: undefined, configSrc: '/slow/config.json' },
        { fetches: true },
      );
      expect(asked).to.deep.equal([15_000]);
      expect(result.errors.map((e) => e.code)).to.deep.equal(['config-unavailable']);
      expect(result.alert).to.contain('Installments are not available right now.');
      await broken({ amount: '5999', config: undefined, configSrc: '/slow/b.json', timeout: 2500 }, { fetches: true });
      expect(asked).to.deep.equal([15_000, 2500]);
    } finally {
      [window.fetch, AbortSignal.timeout] = [realFetch, realTimeout];
    }
  });

  it('offers the shopper a retry when config-src did not answer, and shows the plans once it does', async () => {
    const realFetch = window.fetch;
    let calls = 0;
    window.fetch = () => {
      calls++;
      return calls === 1
        ? Promise.reject(new TypeError('Failed to fetch'))
        : Promise.resolve(new Response(JSON.stringify(storeConfig())));
    };
    const el = document.createElement('fenqi-plan-selector');
    try {
      const failed = oneEvent(el, 'fenqi-error');
      Object.assign(el, { purchaseDate: DATE, amount: '5999', configSrc: '/flaky/config.json' });
      el.lang = 'zh-CN';
      await capturingErrors(async () => {
        document.body.append(el);
        await failed;
        await el.updateComplete;
      });
      const retry = el.shadowRoot!.querySelector<HTMLButtonElement>('[part="retry"]')!;
      expect(visibleText(retry)).to.equal('重试');
      const ready = oneEvent(el, 'fenqi-ready');
      retry.click();
      await ready;
      await el.updateComplete;
      expect(calls).to.equal(2);
      expect(visibleText(termCard(el, 12))).to.contain('¥535.90 × 11期 + ¥536.03');
    } finally {
      window.fetch = realFetch;
      el.remove();
    }
  });

  it('offers no retry for a config that is wrong: the shopper cannot fix it', async () => {
    const config = storeConfig();
    (config.providers[1]!.fee as { ratePct: string }).ratePct = '-0.6';
    const el = document.createElement('fenqi-plan-selector');
    const failed = oneEvent(el, 'fenqi-error');
    Object.assign(el, { purchaseDate: DATE, amount: '5999', config });
    await capturingErrors(async () => {
      document.body.append(el);
      await failed;
      await el.updateComplete;
    });
    expect(el.shadowRoot!.querySelector('[role="alert"]')).to.exist;
    expect(el.shadowRoot!.querySelector('[part="retry"]')).to.be.null;
    el.remove();
  });

  it('reports a config-src that answers HTML', async () => {
    const src = 'data:text/html,<!doctype html><title>Not found</title>';
    const result = await broken({ amount: '5999', config: undefined, configSrc: src }, { fetches: true });
    expect(result.errors.map((e) => e.code)).to.deep.equal(['invalid-config']);
    expect(result.errors[0]!.message).to.match(/not valid JSON/);
  });

  it('reports each problem once, however often it re-renders, and recovers', async () => {
    const el = await selector('5999');
    const errors: string[] = [];
    let ready = 0;
    el.addEventListener('fenqi-error', (e) => errors.push(e.detail.code));
    el.addEventListener('fenqi-ready', () => ready++);
    const logged = await capturingErrors(async () => {
      el.amount = 'abc';
      await el.updateComplete;
      el.name = 'plan';
      await el.updateComplete;
      el.requestUpdate();
      await el.updateComplete;
    });
    expect(logged).to.have.length(1);
    expect(errors).to.deep.equal(['invalid-amount']);
    el.amount = '5999';
    await el.updateComplete;
    expect(ready).to.equal(1);
    expect($$(el, '[part="term"]')).to.have.length(3);
  });
});

describe('<fenqi-plan-selector> on a stranger’s page', () => {
  it('works inside another component’s shadow root, taking lang from the outer page', async () => {
    const host = await mount<HTMLElement>(html`<div lang="zh-CN"><div></div></div>`);
    const root = host.firstElementChild!.attachShadow({ mode: 'open' });
    root.innerHTML = '<form><fenqi-plan-selector name="plan" amount="5999"></fenqi-plan-selector></form>';
    const el = root.querySelector('fenqi-plan-selector')!;
    el.purchaseDate = DATE;
    el.config = storeConfig();
    await el.updateComplete;
    expect(visibleText(termCard(el, 12))).to.contain('¥535.90 × 11期 + ¥536.03');
    termCard(el, 6).querySelector('input')!.click();
    await el.updateComplete;
    expect(new FormData(root.querySelector('form')!).get('plan')).to.equal('card:6');
  });

  it('renders when it is added long after the script loaded', async () => {
    // Defined, and a frame has passed: this element is created by the defined class, not upgraded.
    await customElements.whenDefined('fenqi-plan-selector');
    await new Promise((r) => requestAnimationFrame(r));
    const el = document.createElement('fenqi-plan-selector');
    el.setAttribute('amount', '5999.00');
    el.setAttribute('purchase-date', DATE);
    el.config = storeConfig();
    document.body.append(el);
    await el.updateComplete;
    expect(visibleText(termCard(el, 12))).to.contain('¥535.90 × 11 + ¥536.03');
    el.remove();
  });

  it('takes properties set before its script defined it', async () => {
    const el = document.createElement('fenqi-later-plan-selector') as FenqiPlanSelector;
    el.config = storeConfig();
    el.setAttribute('amount', '5999.00');
    el.setAttribute('purchase-date', DATE);
    document.body.append(el);
    const { FenqiPlanSelector } = await import('../../widget/plan-selector/plan-selector.js');
    customElements.define('fenqi-later-plan-selector', class extends FenqiPlanSelector {});
    await el.updateComplete;
    expect(visibleText(termCard(el, 12))).to.contain('¥535.90 × 11 + ¥536.03');
    el.remove();
  });

  it('keeps the host page’s font', async () => {
    const wrapper = await mount<HTMLElement>(
      html`<div style="font: italic 13px serif">
        <fenqi-plan-selector amount="5999" purchase-date=${DATE} .config=${storeConfig()}></fenqi-plan-selector>
      </div>`,
    );
    const el = wrapper.querySelector('fenqi-plan-selector')!;
    await el.updateComplete;
    const style = getComputedStyle($(el, '[part="term"] .amount'));
    expect(style.fontFamily).to.equal('serif');
    expect(style.fontStyle).to.equal('italic');
    expect(style.fontSize).to.equal('13px');
  });
});
