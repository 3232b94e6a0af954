// The bills page's own states, written with the merchant kit (fenqi/testing): an empty list leads back to the
// store, and a message on the panel (a deep link to an unknown plan, a result) can be closed.
import { expect, waitUntil } from '@open-wc/testing';
import { html, render } from 'lit';
import '../../widget/bill-panel/bill-panel.js';
import type { FenqiBillPanel } from '../../widget/bill-panel/bill-panel.js';
import { FakeMerchant, whenReady } from '../../widget/testing.js';

describe('<fenqi-bill-panel> states', () => {
  const host = document.createElement('div');
  before(() => document.body.append(host));
  afterEach(() => {
    render(html``, host);
    history.replaceState(null, '', location.pathname + location.search);
  });
  after(() => host.remove());

  async function panel(merchant: FakeMerchant, lang = 'zh-CN', home?: string): Promise<FenqiBillPanel> {
    render(html`<fenqi-bill-panel lang=${lang} home=${home ?? '/'} .adapter=${merchant}></fenqi-bill-panel>`, host);
    const el = host.querySelector('fenqi-bill-panel')!;
    expect(await whenReady(el)).to.equal('ready');
    return el;
  }
  const shadow = (el: FenqiBillPanel) => el.shadowRoot!;

  it('leads an empty list back to the store: 去逛逛 to the page the merchant names', async () => {
    const el = await panel(new FakeMerchant({ plans: [] }), 'zh-CN', '/products?from=bills');
    const link = shadow(el).querySelector<HTMLAnchorElement>('a.shop')!;
    expect(link.textContent!.trim()).to.equal('去逛逛');
    expect(link.href).to.equal(new URL('/products?from=bills', location.href).href);
    const en = await panel(new FakeMerchant({ plans: [] }), 'en');
    expect(shadow(en).querySelector('a.shop')!.textContent!.trim()).to.equal('Continue shopping');
  });

  it('never makes a script link of home: anything but a web page leads to the site root', async () => {
    for (const home of ['javascript:alert(1)', 'data:text/html,<b>x</b>']) {
      const el = await panel(new FakeMerchant({ plans: [] }), 'zh-CN', home);
      expect(shadow(el).querySelector<HTMLAnchorElement>('a.shop')!.getAttribute('href'), home).to.equal('/');
    }
  });

  it('lets the shopper close the message a bad deep link left', async () => {
    history.replaceState(null, '', '#fenqi=repay&plan=p-nope');
    const el = await panel(new FakeMerchant());
    const notice = shadow(el).querySelector('.notice')!;
    expect(notice.textContent!.trim()).to.equal('找不到分期 p-nope：它不在本店的分期账单里。');
    const close = shadow(el).querySelector<HTMLButtonElement>('.notes button.dismiss')!;
    expect(close.textContent!.trim()).to.equal('关闭');
    close.click();
    await el.updateComplete;
    expect(shadow(el).querySelector('.notice')).to.equal(null);
    // The list is still there to use.
    expect(shadow(el).querySelectorAll('li.plan').length).to.be.greaterThan(0);
  });
});

describe('<fenqi-bill-panel> and the browser’s Back', () => {
  const host = document.createElement('div');
  before(() => document.body.append(host));
  // Each test starts on an entry of its own page's (a failed test may leave a dialog's entry behind).
  beforeEach(() => history.replaceState(null, ''));
  afterEach(() => render(html``, host));
  after(() => host.remove());

  const popped = () => new Promise((done) => window.addEventListener('popstate', done, { once: true }));

  async function openRepay(): Promise<{ el: FenqiBillPanel; dialog: HTMLDialogElement }> {
    render(html`<fenqi-bill-panel lang="zh-CN" .adapter=${new FakeMerchant()}></fenqi-bill-panel>`, host);
    const el = host.querySelector('fenqi-bill-panel')!;
    expect(await whenReady(el)).to.equal('ready');
    el.shadowRoot!.querySelector<HTMLButtonElement>('li.plan button.repay')!.click();
    const open = () => el.shadowRoot!.querySelector<HTMLDialogElement>('dialog.repay[open]');
    await waitUntil(open, 'the repay dialog opens');
    return { el, dialog: open()! };
  }

  it('closes an open dialog instead of leaving the page', async () => {
    // (Not history.length: browsers cap it at 50 or 100 entries, which a long test page reaches.)
    const { el } = await openRepay();
    expect(history.state?.fenqi, 'the dialog added its entry').to.equal('dialog');
    const back = popped();
    history.back();
    await back;
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('dialog[open]'), 'the dialog closed').to.equal(null);
    expect(history.state?.fenqi).to.equal(undefined);
  });

  it('takes its entry back when the dialog is closed on screen, so Back then leaves the page', async () => {
    const { dialog } = await openRepay();
    expect(history.state?.fenqi).to.equal('dialog');
    const back = popped();
    dialog.close();
    await back;
    expect(history.state?.fenqi, 'the dialog’s entry is gone').to.equal(undefined);
  });
});
