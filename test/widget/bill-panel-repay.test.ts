import { expect } from '@open-wc/testing';
import type { Plan } from '../../shared/plan.js';
import type { FenqiBillPanel, RepaymentBody } from '../../widget/bill-panel/bill-panel.js';
import {
  $,
  $$,
  FakeAdapter,
  bridgeMessages,
  overduePlan,
  panelWith,
  planItem,
  settle,
  visibleText,
} from './bill-panel.fixtures.js';

/** The overdue plan with installments `ns` paid on TODAY, as the merchant would answer. */
function repaidPlan(ns: number[]): Plan {
  const plan = overduePlan();
  for (const i of plan.installments) if (ns.includes(i.n)) Object.assign(i, { paid: 104500, paidDate: '2025-03-10' });
  return plan;
}

function accept(adapter: FakeAdapter): void {
  adapter.repayAnswer = async (_id, body) => {
    const ns = 'installments' in body ? body.installments : [4, 5, 6];
    return {
      plan: repaidPlan(ns),
      repayment: {
        id: 'rp-1',
        installments: ns,
        payoff: 'payoff' in body,
        charged: 104605 + (ns.length - 1) * 104500,
        lateCharge: 105,
        waivedFee: 0,
        methodId: body.methodId,
        date: '2025-03-10',
      },
    };
  };
}

async function openRepay(panel: FenqiBillPanel): Promise<HTMLDialogElement> {
  planItem(panel, 'p-overdue').querySelector<HTMLButtonElement>('button.repay')!.focus();
  planItem(panel, 'p-overdue').querySelector<HTMLButtonElement>('button.repay')!.click();
  await settle(panel);
  return $(panel, 'dialog.repay') as HTMLDialogElement;
}

const boxes = (dialog: HTMLDialogElement) => [
  ...dialog.querySelectorAll<HTMLInputElement>('input[name="installment"]'),
];
const total = (dialog: HTMLDialogElement) => visibleText(dialog.querySelector('.total')!);

describe('<fenqi-bill-panel> repay flow', () => {
  it('opens a modal dialog with the oldest unpaid installment chosen and its total with the late charge', async () => {
    const panel = await panelWith(new FakeAdapter());
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
    const panel = await panelWith(new FakeAdapter());
    const dialog = await openRepay(panel);
    boxes(dialog)[2]!.click();
    await settle(panel);
    expect(boxes(dialog).map((b) => b.checked)).to.deep.equal([true, true, true]);
    expect(total(dialog)).to.contain('¥3,136.05');
    boxes(dialog)[1]!.click();
    await settle(panel);
    expect(boxes(dialog).map((b) => b.checked)).to.deep.equal([true, false, false]);
    boxes(dialog)[0]!.click();
    await settle(panel);
    expect(boxes(dialog).map((b) => b.checked)).to.deep.equal([false, false, false]);
    expect(dialog.querySelector<HTMLButtonElement>('button.confirm')!.disabled).to.be.true;
  });

  it('offers paying off everything with the early-payoff amount', async () => {
    const panel = await panelWith(new FakeAdapter());
    const dialog = await openRepay(panel);
    expect(visibleText(dialog.querySelector('input[value="payoff"]')!.closest('label')!)).to.contain(
      '全部结清（提前还款） ¥3,136.05',
    );
    dialog.querySelector<HTMLInputElement>('input[value="payoff"]')!.click();
    await settle(panel);
    expect(boxes(dialog).every((b) => b.checked && b.closest('fieldset')!.disabled)).to.be.true;
    expect(total(dialog)).to.contain('¥3,136.05');
  });

  it('shows the fees an early payoff waives when the plan waives them', async () => {
    const plan = overduePlan();
    plan.policy.unbilledFeesOnPayoff = 'waived';
    const panel = await panelWith(new FakeAdapter([plan]));
    const dialog = await openRepay(panel);
    // Installments 5 and 6 are not yet due: their ¥45 fees are waived.
    expect(visibleText(dialog.querySelector('input[value="payoff"]')!.closest('label')!)).to.contain(
      '¥3,046.05 免除未到期手续费 ¥90.00',
    );
  });

  it('pays the chosen installments, shows the result, updates the plan and announces it', async () => {
    const adapter = new FakeAdapter();
    accept(adapter);
    const panel = await panelWith(adapter);
    const dialog = await openRepay(panel);
    boxes(dialog)[1]!.click();
    dialog.querySelector<HTMLSelectElement>('select')!.value = 'pm-alipay';
    dialog.querySelector('select')!.dispatchEvent(new Event('change'));
    await settle(panel);
    let repaid: CustomEvent | undefined;
    panel.addEventListener('fenqi-repaid', (e) => (repaid = e), { once: true });
    const messages = await bridgeMessages(async () => {
      dialog.querySelector<HTMLButtonElement>('button.confirm')!.click();
      await settle(panel);
    });
    const call = adapter.calls.find((c) => c.method === 'repay')!;
    expect(call.planId).to.equal('p-overdue');
    const body = call.body as RepaymentBody;
    expect(body).to.deep.include({ installments: [4, 5], methodId: 'pm-alipay' });
    expect(body.requestId).to.match(/^[0-9a-f]{24}$/);
    expect(visibleText(dialog.querySelector('.result')!)).to.equal('还款成功：已支付 ¥2,091.05，第4期、第5期已还清。');
    expect(document.activeElement).to.equal(panel);
    expect(panel.shadowRoot!.activeElement).to.equal(dialog.querySelector('button.done'));
    expect(visibleText(planItem(panel, 'p-overdue'))).to.contain('5/6期');
    expect(messages.map((m) => m.type)).to.deep.equal(['repaid']);
    expect(messages[0]!.payload.plan.installments[4].paid).to.equal(104500);
    expect(repaid!.detail.repayment.installments).to.deep.equal([4, 5]);
    await expect(panel).to.be.accessible();
  });

  it('shows why a payment failed and changes nothing; a retry reuses the request id', async () => {
    const adapter = new FakeAdapter();
    adapter.repayAnswer = () => Promise.reject({ code: 'payment-declined', message: '余额不足' });
    const panel = await panelWith(adapter);
    const dialog = await openRepay(panel);
    const messages = await bridgeMessages(async () => {
      dialog.querySelector<HTMLButtonElement>('button.confirm')!.click();
      await settle(panel);
    });
    // Declined once, with the merchant's reason, and what moved (nothing) and what to do next.
    expect(visibleText(dialog.querySelector('.error[role="alert"]')!)).to.equal(
      '支付被拒绝：余额不足。未扣款，可换一种支付方式再试。',
    );
    expect(dialog.open).to.be.true;
    expect(boxes(dialog).map((b) => b.checked)).to.deep.equal([true, false, false]);
    expect(visibleText(planItem(panel, 'p-overdue'))).to.contain('3/6期');
    expect(messages).to.deep.equal([]);

    accept(adapter);
    dialog.querySelector<HTMLButtonElement>('button.confirm')!.click();
    await settle(panel);
    const [first, second] = adapter.calls.filter((c) => c.method === 'repay') as Array<{ body: RepaymentBody }>;
    expect(second!.body.requestId).to.equal(first!.body.requestId);
    expect(dialog.querySelector('.result')).to.exist;
  });

  it('says a declined payment once, and leaves out a reason in another language', async () => {
    const adapter = new FakeAdapter();
    adapter.repayAnswer = () => Promise.reject({ code: 'payment-declined', message: '支付被拒绝：余额不足（演示卡）' });
    const panel = await panelWith(adapter);
    let dialog = await openRepay(panel);
    dialog.querySelector<HTMLButtonElement>('button.confirm')!.click();
    await settle(panel);
    expect(visibleText(dialog.querySelector('.error[role="alert"]')!)).to.equal(
      '支付被拒绝：余额不足（演示卡）。未扣款，可换一种支付方式再试。',
    );

    const en = await panelWith(adapter, 'en');
    dialog = await openRepay(en);
    dialog.querySelector<HTMLButtonElement>('button.confirm')!.click();
    await settle(en);
    expect(visibleText(dialog.querySelector('.error[role="alert"]')!)).to.equal(
      'The payment was declined. Nothing was charged; you can try another payment method.',
    );
  });

  it('pays once when confirm is clicked twice', async () => {
    const adapter = new FakeAdapter();
    let answer!: () => void;
    adapter.repayAnswer = (id, body) =>
      new Promise((resolve) => {
        answer = () => {
          accept(adapter);
          resolve(adapter.repayAnswer(id, body));
        };
      });
    const panel = await panelWith(adapter);
    const dialog = await openRepay(panel);
    const confirm = dialog.querySelector<HTMLButtonElement>('button.confirm')!;
    confirm.click();
    confirm.click();
    dialog.querySelector('form')!.requestSubmit();
    await settle(panel);
    expect(confirm.disabled).to.be.true;
    expect(visibleText(confirm)).to.equal('正在还款…');
    answer();
    await settle(panel);
    expect(adapter.count('repay')).to.equal(1);
    expect(dialog.querySelector('.result')).to.exist;
  });

  it('closes on cancel and gives focus back to the button that opened it', async () => {
    const panel = await panelWith(new FakeAdapter());
    const opener = planItem(panel, 'p-overdue').querySelector('button.repay');
    const dialog = await openRepay(panel);
    dialog.querySelector<HTMLButtonElement>('.actions button:not(.confirm)')!.click();
    await settle(panel);
    expect($$(panel, 'dialog')).to.have.length(0);
    expect(panel.shadowRoot!.activeElement).to.equal(opener);
  });
});
