import { expect } from '@open-wc/testing';
import type { RepaymentBody } from '../../widget/bill-panel/bill-panel.js';
import { DECLINED_CARD, FakeMerchant, fixturePlans, waitFor } from '../../widget/testing.js';
import {
  $$,
  bridgeMessages,
  closed,
  openRepay,
  panelWith,
  planItem,
  saying,
  visibleText,
} from './bill-panel.fixtures.js';

const boxes = (dialog: HTMLDialogElement) => [
  ...dialog.querySelectorAll<HTMLInputElement>('input[name="installment"]'),
];
const total = (dialog: HTMLDialogElement) => visibleText(dialog.querySelector('.total')!);
const result = (dialog: HTMLDialogElement) => dialog.querySelector('.result');

function pay(dialog: HTMLDialogElement, methodId: string): void {
  dialog.querySelector<HTMLSelectElement>('select')!.value = methodId;
  dialog.querySelector('select')!.dispatchEvent(new Event('change'));
}

describe('<fenqi-bill-panel> repay flow', () => {
  it('opens a modal dialog with the oldest unpaid installment chosen and its total with the late charge', async () => {
    const panel = await panelWith();
    const dialog = await openRepay(panel);
    expect(dialog.open).to.be.true;
    expect(dialog.matches(':modal')).to.be.true;
    expect(boxes(dialog).map((b) => b.value)).to.deep.equal(['4', '5', '6']);
    expect(boxes(dialog).map((b) => b.checked)).to.deep.equal([true, false, false]);
    expect(total(dialog)).to.equal('合计 ¥1,046.05 含逾期费用 ¥1.05');
    expect(dialog.querySelector<HTMLSelectElement>('select')!.value).to.equal('pm-cmb');
    await expect(panel).to.be.accessible();
  });

  it('chooses a later installment only with every earlier one', async () => {
    const panel = await panelWith();
    const dialog = await openRepay(panel);
    boxes(dialog)[2]!.click();
    await panel.updateComplete;
    expect(boxes(dialog).map((b) => b.checked)).to.deep.equal([true, true, true]);
    expect(total(dialog)).to.contain('¥3,136.05');
    boxes(dialog)[1]!.click();
    await panel.updateComplete;
    expect(boxes(dialog).map((b) => b.checked)).to.deep.equal([true, false, false]);
    boxes(dialog)[0]!.click();
    await panel.updateComplete;
    expect(boxes(dialog).map((b) => b.checked)).to.deep.equal([false, false, false]);
    expect(dialog.querySelector<HTMLButtonElement>('button.confirm')!.disabled).to.be.true;
  });

  it('offers paying off everything with the early-payoff amount', async () => {
    const panel = await panelWith();
    const dialog = await openRepay(panel);
    expect(visibleText(dialog.querySelector('input[value="payoff"]')!.closest('label')!)).to.contain(
      '全部结清（提前还款） ¥3,136.05',
    );
    dialog.querySelector<HTMLInputElement>('input[value="payoff"]')!.click();
    await panel.updateComplete;
    expect(boxes(dialog).every((b) => b.checked && b.closest('fieldset')!.disabled)).to.be.true;
    expect(total(dialog)).to.contain('¥3,136.05');
  });

  it('shows the fees an early payoff waives when the plan waives them', async () => {
    const plan = fixturePlans().overdue;
    plan.policy.unbilledFeesOnPayoff = 'waived';
    const panel = await panelWith(new FakeMerchant({ plans: [plan] }));
    const dialog = await openRepay(panel);
    // Installments 5 and 6 are not yet due: their ¥45 fees are waived.
    expect(visibleText(dialog.querySelector('input[value="payoff"]')!.closest('label')!)).to.contain(
      '¥3,046.05 免除未到期手续费 ¥90.00',
    );
  });

  it('pays the chosen installments, shows the result, updates the plan and announces it', async () => {
    const merchant = new FakeMerchant();
    const panel = await panelWith(merchant);
    const dialog = await openRepay(panel);
    boxes(dialog)[1]!.click();
    pay(dialog, 'pm-alipay');
    await panel.updateComplete;
    let repaid: CustomEvent | undefined;
    panel.addEventListener('fenqi-repaid', (e) => (repaid = e), { once: true });
    const messages = await bridgeMessages(async () => {
      dialog.querySelector<HTMLButtonElement>('button.confirm')!.click();
      await waitFor(panel, () => result(dialog), { what: 'the result' });
    });
    const call = merchant.calls.find((c) => c.route === 'repay')!;
    expect(call.planId).to.equal('plan-overdue');
    const body = call.body as RepaymentBody;
    expect(body).to.deep.include({ installments: [4, 5], methodId: 'pm-alipay' });
    expect(body.requestId).to.match(/^[0-9a-f]{24}$/);
    expect(visibleText(dialog.querySelector('.result')!)).to.equal('还款成功：已支付 ¥2,091.05，第4期、第5期已还清。');
    expect(document.activeElement).to.equal(panel);
    expect(panel.shadowRoot!.activeElement).to.equal(dialog.querySelector('button.done'));
    expect(visibleText(planItem(panel, 'plan-overdue'))).to.contain('5/6期');
    expect(messages.map((m) => m.type)).to.deep.equal(['repaid']);
    expect(messages[0]!.payload.plan.installments[4].paid).to.equal(104500);
    expect(repaid!.detail.repayment.installments).to.deep.equal([4, 5]);
    await expect(panel).to.be.accessible();
  });

  it('shows why a payment failed and changes nothing; a retry reuses the request id', async () => {
    const merchant = new FakeMerchant().failNext('repay', { code: 'payment-declined', message: '余额不足' });
    const panel = await panelWith(merchant);
    const dialog = await openRepay(panel);
    const messages = await bridgeMessages(async () => {
      dialog.querySelector<HTMLButtonElement>('button.confirm')!.click();
      await saying(panel, '.error[role="alert"]', dialog);
    });
    // Declined once, with the merchant's reason, and what moved (nothing) and what to do next.
    expect(visibleText(dialog.querySelector('.error[role="alert"]')!)).to.equal(
      '支付被拒绝：余额不足。未扣款，可换一种支付方式再试。',
    );
    expect(dialog.open).to.be.true;
    expect(boxes(dialog).map((b) => b.checked)).to.deep.equal([true, false, false]);
    expect(visibleText(planItem(panel, 'plan-overdue'))).to.contain('3/6期');
    expect(messages).to.deep.equal([]);

    dialog.querySelector<HTMLButtonElement>('button.confirm')!.click();
    await waitFor(panel, () => result(dialog), { what: 'the result' });
    const [first, second] = merchant.calls.filter((c) => c.route === 'repay') as Array<{ body: RepaymentBody }>;
    expect(second!.body.requestId).to.equal(first!.body.requestId);
    expect(visibleText(result(dialog)!)).to.contain('还款成功');
  });

  it('says a declined payment once, and leaves out a reason in another language', async () => {
    // The kit's declined card: its merchant's reason already starts with 支付被拒绝.
    const merchant = new FakeMerchant();
    const panel = await panelWith(merchant);
    let dialog = await openRepay(panel);
    pay(dialog, DECLINED_CARD.id);
    await panel.updateComplete;
    dialog.querySelector<HTMLButtonElement>('button.confirm')!.click();
    await saying(panel, '.error[role="alert"]', dialog);
    expect(visibleText(dialog.querySelector('.error[role="alert"]')!)).to.equal(
      '支付被拒绝：余额不足。未扣款，可换一种支付方式再试。',
    );

    const en = await panelWith(merchant, 'en');
    dialog = await openRepay(en);
    pay(dialog, DECLINED_CARD.id);
    await en.updateComplete;
    dialog.querySelector<HTMLButtonElement>('button.confirm')!.click();
    await saying(en, '.error[role="alert"]', dialog);
    expect(visibleText(dialog.querySelector('.error[role="alert"]')!)).to.equal(
      'The payment was declined. Nothing was charged; you can try another payment method.',
    );
  });

  it('pays once when confirm is clicked twice', async () => {
    const merchant = new FakeMerchant();
    const answer = merchant.holdNext('repay');
    const panel = await panelWith(merchant);
    const dialog = await openRepay(panel);
    const confirm = dialog.querySelector<HTMLButtonElement>('button.confirm')!;
    confirm.click();
    confirm.click();
    dialog.querySelector('form')!.requestSubmit();
    await panel.updateComplete;
    expect(confirm.disabled).to.be.true;
    expect(visibleText(confirm)).to.equal('正在还款…');
    answer();
    await waitFor(panel, () => result(dialog), { what: 'the result' });
    expect(merchant.count('repay')).to.equal(1);
    expect(visibleText(result(dialog)!)).to.contain('还款成功');
  });

  it('closes on cancel and gives focus back to the button that opened it', async () => {
    const panel = await panelWith();
    const opener = planItem(panel, 'plan-overdue').querySelector('button.repay');
    const dialog = await openRepay(panel);
    dialog.querySelector<HTMLButtonElement>('.actions button:not(.confirm)')!.click();
    await closed(panel, dialog);
    expect($$(panel, 'dialog')).to.have.length(0);
    expect(panel.shadowRoot!.activeElement).to.equal(opener);
  });
});
