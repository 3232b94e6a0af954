// One figure from the card to the charge, for generated plans and days: the real bill panel's card (应还 of the
// next installment, late charge in), its repay dialog's total and button for that installment, and what a merchant
// charging by applyRepayment() — the demo store's rule — takes from the confirmed request and puts on the receipt.
// The plans carry partial and dated payments, statement dates and every payoff and late-charge policy
// (test/shared/arbitraries.ts); each run reads the figures off the screen and pays.
import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { html, render } from 'lit';
import { applyRepayment } from '../../shared/bill-state.js';
import { formatFen } from '../../shared/format.js';
import type { Plan } from '../../shared/plan.js';
import '../../widget/fenqi.js';
import '../../widget/bill-panel/bill-panel.js';
import type { FenqiBillPanel } from '../../widget/bill-panel/bill-panel.js';
import { FakeMerchant, waitFor, whenReady } from '../../widget/testing.js';
import { runs } from '../helpers/engine.js';
import { planOnDay } from '../shared/arbitraries.js';

/** The first amount in a text: the visible "¥1,234.56" (the spoken form after it has no ¥). */
const money = (text: string | null | undefined) => /¥[\d,]+\.\d\d/.exec(text ?? '')?.[0];

const unpaid = (plan: Plan) => plan.installments.filter((i) => i.paid < i.principal + i.fee);

describe('bill panel figures (property)', function () {
  this.timeout(120_000);
  const host = document.createElement('div');
  before(() => document.body.append(host));
  after(() => host.remove());

  it('the card, the dialog, its button, the charge and the receipt are one figure', async () => {
    await fc.assert(
      fc.asyncProperty(planOnDay, async ({ plan, today }) => {
        fc.pre(unpaid(plan).length > 0);
        // What the merchant will charge for the oldest unpaid installment on its date.
        const charged = applyRepayment(plan, { installments: [unpaid(plan)[0]!.n] }, today).charged;
        // No amount is left out: an installment near 10^13 fen with a late charge on top is charged more than
        // 10^13, which the merchant API carries as a sum (TotalFen, MAX_TOTAL_FEN).
        const expected = formatFen(charged);
        const merchant = new FakeMerchant({ plans: [plan], asOf: today, declinedMethods: [] });
        render(html``, host);
        render(html`<fenqi-bill-panel lang="zh-CN" .adapter=${merchant}></fenqi-bill-panel>`, host);
        const panel = host.querySelector('fenqi-bill-panel') as FenqiBillPanel;
        expect(await whenReady(panel)).to.equal('ready');
        const root = panel.shadowRoot!;

        const card = money(root.querySelector('li.plan .next')?.textContent);
        expect(card, 'the card').to.equal(expected);

        root.querySelector<HTMLButtonElement>('li.plan button.repay')!.click();
        const confirm = await waitFor(
          panel,
          () => root.querySelector<HTMLButtonElement>('dialog.repay[open] button.confirm:not([disabled])'),
          { what: 'the confirm button' },
        );
        expect(money(root.querySelector('dialog.repay output')?.textContent), 'the total').to.equal(expected);
        expect(money(confirm.textContent), 'the button').to.equal(expected);

        confirm.click();
        const result = await waitFor(panel, () => root.querySelector('dialog.repay .result'), { what: 'the result' });
        expect(result.classList.contains('error'), result.textContent ?? '').to.equal(false);
        expect(money(result.textContent), 'the receipt').to.equal(expected);
        const repay = merchant.calls.filter((c) => c.route === 'repay');
        expect(repay.length, 'one request, no 409').to.equal(1);
        expect(formatFen((repay[0]!.body as { expectedTotal: number }).expectedTotal), 'expectedTotal').to.equal(
          expected,
        );
        root.querySelector<HTMLDialogElement>('dialog.repay')!.close();
      }),
      // Each run renders a panel and pays through its dialog: about 2 s a run in WebKit under load, so the other
      // engines take a sample of 20.
      { numRuns: runs(60, 20) },
    );
    render(html``, host);
  });
});
