// What the shopper confirms is what they pay, and what they are told is what happened: the merchant's date,
// 409 amount-changed, a receipt with another figure, and answers that never came (network, 5xx, timeout).
import { expect, fixture, html } from '@open-wc/testing';
import { applyRepayment } from '../../shared/bill-state.js';
import type { FenqiBillPanel, RepaymentBody } from '../../widget/bill-panel/bill-panel.js';
import { FakeMerchant, fixturePlans, waitFor, whenReady } from '../../widget/testing.js';
import { $, TODAY, alter, closed, openRepay, panelWith, planItem, saying, visibleText } from './bill-panel.fixtures.js';
import { capturingErrors } from '../helpers/console.js';

const repayCalls = (merchant: FakeMerchant) =>
  merchant.calls.filter((c) => c.route === 'repay').map((c) => c.body as RepaymentBody);

const confirm = (dialog: HTMLDialogElement) => dialog.querySelector<HTMLButtonElement>('button.confirm')!;
const alert = (dialog: HTMLDialogElement) => visibleText(dialog.querySelector('[role="alert"]')!);
const result = (panel: FenqiBillPanel, dialog: HTMLDialogElement) =>
  waitFor(panel, () => dialog.querySelector('.result'), { what: 'the result' });

describe('<fenqi-bill-panel> amounts as of the merchant’s date', () => {
  it('works out every amount on the asOf date the merchant answers with, not the shopper’s clock', async () => {
    // Installment 4 is 4 days overdue at the merchant: ¥1,045.00 + ¥2.09.
    const merchant = new FakeMerchant({ asOf: '2026-03-12' });
    // No `today` attribute: this browser's clock (months or years off) would owe another late charge.
    const wrapper = await fixture<HTMLElement>(
      html`<div lang="zh-CN"><fenqi-bill-panel .adapter=${merchant}></fenqi-bill-panel></div>`,
    );
    const panel = wrapper.querySelector('fenqi-bill-panel')!;
    expect(await whenReady(panel)).to.equal('ready');
    expect(visibleText(planItem(panel, 'plan-overdue'))).to.contain('应还 ¥1,047.09');
    expect(visibleText(planItem(panel, 'plan-overdue'))).to.contain('含逾期费用 ¥2.09');
    const dialog = await openRepay(panel);
    expect(visibleText(dialog.querySelector('.total')!)).to.equal('合计 ¥1,047.09 含逾期费用 ¥2.09');
    expect(visibleText(confirm(dialog))).to.equal('确认还款 ¥1,047.09');
    confirm(dialog).click();
    await result(panel, dialog);
    expect(repayCalls(merchant)[0]!.expectedTotal).to.equal(104709);
    expect(visibleText(dialog.querySelector('.result')!)).to.equal('还款成功：已支付 ¥1,047.09，第4期已还清。');
  });

  it('refuses an answer without the merchant’s date, naming it in the console only', async () => {
    const merchant = new FakeMerchant();
    alter(merchant, 'getPlans', { answer: ({ plans }) => ({ plans }) });
    let panel!: FenqiBillPanel;
    const logged = await capturingErrors(async () => {
      panel = await panelWith(merchant);
    });
    expect(visibleText($(panel, '[role="alert"]'))).to.contain('暂时无法显示您的分期账单。');
    expect(logged[0]).to.contain('response.asOf');
  });
});

describe('<fenqi-bill-panel> 409 amount-changed', () => {
  // With a `today` the page set (the demo's page sets the store's date when it serves it): the 409's date wins.
  for (const today of ['', TODAY])
    it(`shows the new total, charges nothing, and pays it once the shopper confirms again${today ? ' (today set)' : ''}`, async () => {
      const merchant = new FakeMerchant();
      const panel = await panelWith(merchant, 'zh-CN', today);
      // The page was loaded on the 10th; the merchant's day has turned: one more day of late charge.
      merchant.asOf = '2026-03-11';
      const dialog = await openRepay(panel);
      expect(visibleText(confirm(dialog))).to.equal('确认还款 ¥1,046.05');
      let repaid = 0;
      panel.addEventListener('fenqi-repaid', () => repaid++);
      confirm(dialog).click();
      await saying(panel, '.info', dialog);
      expect(visibleText(dialog.querySelector('.info')!)).to.equal(
        '应还金额已更新为 ¥1,046.57，刚才未扣款。请核对后再次确认。',
      );
      expect(visibleText(confirm(dialog))).to.equal('确认还款 ¥1,046.57');
      expect(visibleText(planItem(panel, 'plan-overdue'))).to.contain('应还 ¥1,046.57');
      expect(dialog.querySelector('.result')).to.be.null;
      expect(repaid).to.equal(0);

      confirm(dialog).click();
      await result(panel, dialog);
      const [first, second] = repayCalls(merchant);
      expect([first!.expectedTotal, second!.expectedTotal]).to.deep.equal([104605, 104657]);
      // A new figure is a new attempt: a new request id.
      expect(second!.requestId).not.to.equal(first!.requestId);
      expect(visibleText(dialog.querySelector('.result')!)).to.equal('还款成功：已支付 ¥1,046.57，第4期已还清。');
      expect(repaid).to.equal(1);
    });

  it('does not ask again when the merchant’s new figure is not the one this page works out', async () => {
    const merchant = new FakeMerchant();
    // The kit's own 409 for a day that turned, with a total no plan of the merchant's gives.
    alter(merchant, 'repay', { refusal: (error) => ({ ...error, total: 999 }) });
    const panel = await panelWith(merchant);
    merchant.asOf = '2026-03-11';
    const dialog = await openRepay(panel);
    const logged = await capturingErrors(async () => {
      confirm(dialog).click();
      await saying(panel, '.error[role="alert"]', dialog);
    });
    expect(alert(dialog)).to.equal('商户的应还金额与本页显示的不一致，未扣款。请刷新页面后再试，或联系商户。');
    expect(logged.join()).to.contain('amount-disagrees');
  });
});

describe('<fenqi-bill-panel> a receipt with another figure', () => {
  it('is an error for the shopper and fenqi-error for the page, never a success', async () => {
    const merchant = new FakeMerchant();
    alter(merchant, 'repay', {
      answer: (answer) => ({ ...answer, repayment: { ...answer.repayment, charged: 999999 } }),
    });
    const panel = await panelWith(merchant);
    const dialog = await openRepay(panel);
    const events: string[] = [];
    panel.addEventListener('fenqi-repaid', () => events.push('repaid'));
    panel.addEventListener('fenqi-error', (e) => events.push(e.detail.code));
    let shown!: Element;
    const logged = await capturingErrors(async () => {
      confirm(dialog).click();
      shown = await result(panel, dialog);
    });
    expect(shown.getAttribute('role')).to.equal('alert');
    expect(visibleText(shown)).to.equal('商户实际扣款 ¥9,999.99，与您确认的 ¥1,046.05 不一致。请立即联系商户核实。');
    expect(visibleText(shown)).not.to.contain('成功');
    expect(events).to.deep.equal(['charged-mismatch']);
    expect(logged.join()).to.contain('999999');
    // The plan is shown as the merchant now has it.
    expect(visibleText(planItem(panel, 'plan-overdue'))).to.contain('4/6期');
  });
});

describe('<fenqi-bill-panel> outcomes nobody knows yet', () => {
  it('after a dropped connection, reads the plan again, finds it paid and shows the receipt of the same request', async () => {
    // The merchant books the payment, then the connection drops before the answer arrives.
    const merchant = new FakeMerchant().failNext('repay', 'lost-answer');
    const panel = await panelWith(merchant);
    const dialog = await openRepay(panel);
    await capturingErrors(async () => {
      confirm(dialog).click();
      await result(panel, dialog);
    });
    const [first, second] = repayCalls(merchant);
    expect(second!.requestId).to.equal(first!.requestId);
    expect(merchant.count('getPlans')).to.equal(2);
    expect(visibleText(dialog.querySelector('.result')!)).to.equal('还款成功：已支付 ¥1,046.05，第4期已还清。');
    expect(visibleText(planItem(panel, 'plan-overdue'))).to.contain('4/6期');
    expect(applyRepayment(fixturePlans().overdue, { installments: [4] }, TODAY).charged).to.equal(104605);
  });

  it('after a 5xx that booked nothing, says it was not paid and retries with the same request id', async () => {
    const merchant = new FakeMerchant().failNext('repay', { code: 'server-error', message: 'HTTP 502' });
    const panel = await panelWith(merchant);
    const dialog = await openRepay(panel);
    await capturingErrors(async () => {
      confirm(dialog).click();
      await saying(panel, '.error[role="alert"]', dialog);
    });
    expect(alert(dialog)).to.equal('未能确认还款结果。经查询，这笔还款没有成功，未扣款，可以重试。');
    expect(alert(dialog)).not.to.contain('未做任何更改');
    confirm(dialog).click();
    await result(panel, dialog);
    const [first, second] = repayCalls(merchant);
    expect(second).to.deep.equal(first);
    expect(visibleText(dialog.querySelector('.result')!)).to.contain('还款成功');
  });

  it('says it cannot tell when the plan cannot be read either, and a retry is the same request', async () => {
    const merchant = new FakeMerchant().failNext('repay', 'network');
    const panel = await panelWith(merchant);
    const dialog = await openRepay(panel);
    merchant.failNext('getPlans', 'network');
    await capturingErrors(async () => {
      confirm(dialog).click();
      await saying(panel, '.error[role="alert"]', dialog);
    });
    expect(alert(dialog)).to.equal('未能确认这笔还款是否成功。请不要用其他方式重复付款；重试不会重复扣款。');
    expect(visibleText(planItem(panel, 'plan-overdue'))).to.contain('3/6期');
    await capturingErrors(async () => {
      confirm(dialog).click();
      await result(panel, dialog);
    });
    const [first, second] = repayCalls(merchant);
    expect(second!.requestId).to.equal(first!.requestId);
  });

  it('gives up waiting after the timeout and finds out what happened', async () => {
    // Books at once, answers never: only the panel's own timer ends the wait.
    const merchant = new FakeMerchant().failNext('repay', 'no-answer');
    const wrapper = await fixture<HTMLElement>(
      html`<div lang="en">
        <fenqi-bill-panel .adapter=${merchant} today=${TODAY} timeout="200"></fenqi-bill-panel>
      </div>`,
    );
    const panel = wrapper.querySelector('fenqi-bill-panel')!;
    expect(await whenReady(panel)).to.equal('ready');
    const dialog = await openRepay(panel);
    const repaid = new Promise<void>((resolve) => panel.addEventListener('fenqi-repaid', () => resolve()));
    await capturingErrors(async () => {
      confirm(dialog).click();
      await repaid;
      await result(panel, dialog);
    });
    expect(visibleText(dialog.querySelector('.result')!)).to.equal('Paid ¥1,046.05: No. 4 settled.');
  });

  it('can be closed while paying, and then tells the outcome on the panel', async () => {
    const merchant = new FakeMerchant();
    const answer = merchant.holdNext('repay');
    const panel = await panelWith(merchant);
    const dialog = await openRepay(panel);
    confirm(dialog).click();
    await panel.updateComplete;
    expect(visibleText(confirm(dialog))).to.equal('正在还款…');
    dialog.querySelector<HTMLButtonElement>('.actions button:not(.confirm)')!.click();
    await closed(panel, dialog);
    expect($(panel, 'dialog')).to.be.null;
    expect(visibleText($(panel, '.notice'))).to.equal('正在确认刚才的还款，请稍候…');
    // No second payment of the same plan while the first is in flight.
    planItem(panel, 'plan-overdue').querySelector<HTMLButtonElement>('button.repay')!.click();
    await waitFor(panel, () => visibleText($(panel, '.notice')).startsWith('上一笔'), { what: 'the notice' });
    expect($(panel, 'dialog')).to.be.null;
    expect(visibleText($(panel, '.notice'))).to.equal('上一笔还款正在确认中，请稍候。');

    answer();
    await waitFor(panel, () => visibleText($(panel, '.notice')).startsWith('还款成功'), { what: 'the outcome' });
    expect($(panel, '.notice').getAttribute('role')).to.equal('status');
    expect(visibleText($(panel, '.notice'))).to.equal('还款成功：已支付 ¥1,046.05，第4期已还清。');
    expect(visibleText(planItem(panel, 'plan-overdue'))).to.contain('4/6期');
    expect(merchant.count('repay')).to.equal(1);
  });
});

describe('<fenqi-bill-panel> paying needs a visible method', () => {
  it('keeps 确认还款 disabled while the methods cannot be loaded, says why, and retries', async () => {
    const merchant = new FakeMerchant().failNext('getPaymentMethods', 'network');
    const panel = await panelWith(merchant);
    let dialog!: HTMLDialogElement;
    await capturingErrors(async () => {
      dialog = await openRepay(panel);
    });
    expect(confirm(dialog).disabled).to.be.true;
    const why = dialog.querySelector('.methods[role="alert"]')!;
    expect(visibleText(why)).to.equal('支付方式加载失败，暂时无法付款。网络连接失败，请检查网络后重试。 重试');
    why.querySelector<HTMLButtonElement>('button.retry')!.click();
    await waitFor(panel, () => dialog.querySelector('select option[value]'), { what: 'the methods' });
    expect(merchant.count('getPaymentMethods')).to.equal(2);
    expect(dialog.querySelector('.methods')).to.be.null;
    expect(dialog.querySelector<HTMLSelectElement>('select')!.value).to.equal('pm-cmb');
    expect(confirm(dialog).disabled).to.be.false;
  });
});
