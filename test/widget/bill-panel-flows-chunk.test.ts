// The repay and payment-method dialogs are a chunk of their own (widget/bill-panel/flows.ts), fetched after the
// list is on screen. A chunk that does not arrive must not break the merchant's page: the shopper reads why, the
// page hears `fenqi-error`, and the next press fetches it again.
import { expect, waitUntil } from '@open-wc/testing';
import { html, render } from 'lit';
import '../../widget/bill-panel/bill-panel.js';
import { FenqiBillPanel } from '../../widget/bill-panel/bill-panel.js';
import { FakeMerchant, FIXTURE_AS_OF, whenReady } from '../../widget/testing.js';
import { capturingErrors } from '../helpers/console.js';

describe('<fenqi-bill-panel> dialogs in their own chunk', () => {
  const real = FenqiBillPanel.flowsChunk;
  const host = document.createElement('div');
  before(() => document.body.append(host));
  afterEach(() => {
    FenqiBillPanel.flowsChunk = real;
    render(html``, host);
  });
  after(() => host.remove());

  async function panel(): Promise<FenqiBillPanel> {
    const merchant = new FakeMerchant({ asOf: FIXTURE_AS_OF });
    render(html`<fenqi-bill-panel lang="zh-CN" .adapter=${merchant}></fenqi-bill-panel>`, host);
    const el = host.querySelector('fenqi-bill-panel')!;
    expect(await whenReady(el)).to.equal('ready');
    return el;
  }
  const repayButton = (el: FenqiBillPanel) => el.shadowRoot!.querySelector<HTMLButtonElement>('li.plan button.repay')!;
  const openDialog = (el: FenqiBillPanel) => el.shadowRoot!.querySelector('dialog[open]');

  it('fetches the dialogs once the list is shown, before any press', async () => {
    let fetched = 0;
    FenqiBillPanel.flowsChunk = () => (fetched++, real());
    const el = await panel();
    expect(fetched, 'fetched right after the list').to.equal(1);
    repayButton(el).click();
    await waitUntil(() => openDialog(el), 'the repay dialog opens');
    expect(fetched, 'not fetched again').to.equal(1);
  });

  it('fetches nothing more for a list with no plan to repay', async () => {
    let fetched = 0;
    FenqiBillPanel.flowsChunk = () => (fetched++, real());
    render(html`<fenqi-bill-panel lang="zh-CN" .adapter=${new FakeMerchant({ plans: [] })}></fenqi-bill-panel>`, host);
    expect(await whenReady(host.querySelector('fenqi-bill-panel')!)).to.equal('ready');
    expect(fetched).to.equal(0);
  });

  it('says why when the chunk does not arrive, tells the page, and fetches it again on the next press', async () => {
    let attempts = 0;
    FenqiBillPanel.flowsChunk = () => (attempts++, Promise.reject(new TypeError('Failed to fetch flows.js')));
    const errors: { code: string; message: string }[] = [];
    let el!: FenqiBillPanel;
    const logged = await capturingErrors(async () => {
      el = await panel();
      el.addEventListener('fenqi-error', (e) => errors.push((e as CustomEvent).detail));
      repayButton(el).click();
      await waitUntil(() => el.shadowRoot!.querySelector('.notice[role="alert"]'), 'the notice');
    });
    expect(el.shadowRoot!.querySelector('.notice')!.textContent!.trim()).to.equal('网络连接失败，请检查网络后重试。');
    expect(openDialog(el)).to.equal(null);
    expect(errors).to.deep.equal([{ code: 'flows-unavailable', message: 'TypeError: Failed to fetch flows.js' }]);
    expect(logged.join('\n')).to.contain('flows-unavailable');
    // The list stays usable, and the next press tries again, now with the chunk there.
    expect(attempts).to.equal(2);
    FenqiBillPanel.flowsChunk = real;
    repayButton(el).click();
    await waitUntil(() => openDialog(el), 'the repay dialog opens on the next press');
    expect(el.shadowRoot!.querySelector('.notice')).to.equal(null);
  });
});
