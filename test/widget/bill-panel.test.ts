import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import type { FenqiBillPanel } from '../../widget/bill-panel/bill-panel.js';
import { FakeMerchant, fixturePlans, waitFor, whenReady } from '../../widget/testing.js';
import { $, $$, TODAY, bridgeMessages, panelWith, planItem, visibleText } from './bill-panel.fixtures.js';
import { capturingErrors } from '../helpers/console.js';

describe('<fenqi-bill-panel> states', () => {
  it('says it is loading until the plans arrive', async () => {
    const merchant = new FakeMerchant({ plans: [] });
    const answer = merchant.holdNext('getPlans');
    const panel = await fixture<FenqiBillPanel>(
      html`<fenqi-bill-panel .adapter=${merchant} today=${TODAY}></fenqi-bill-panel>`,
    );
    expect(merchant.count('getPlans'), 'asked').to.equal(1);
    expect($(panel, '[role="status"]').textContent).to.match(/Loading/);
    answer();
    expect(await whenReady(panel)).to.equal('ready');
    expect($(panel, '[part="empty"]')).to.exist;
  });

  it('shows the empty state when the shopper has no plans', async () => {
    const panel = await panelWith(new FakeMerchant({ plans: [] }));
    expect(visibleText($(panel, '[part="empty"]'))).to.equal('暂无分期账单');
    expect($(panel, 'ul')).to.be.null;
  });

  it('shows a failed load with its reason, fires fenqi-error, and loads again on retry', async () => {
    const merchant = new FakeMerchant().failNext('getPlans', 'network');
    let panel!: FenqiBillPanel;
    let detail: unknown;
    const logged = await capturingErrors(async () => {
      const wrapper = await fixture<HTMLElement>(
        html`<div lang="zh-CN" @fenqi-error=${(e: CustomEvent) => (detail = e.detail)}>
          <fenqi-bill-panel .adapter=${merchant} today=${TODAY}></fenqi-bill-panel>
        </div>`,
      );
      panel = wrapper.querySelector('fenqi-bill-panel')!;
      expect(await whenReady(panel)).to.equal('error');
    });
    expect(visibleText($(panel, '[role="alert"]'))).to.equal(
      '暂时无法显示您的分期账单。网络连接失败，请检查网络后重试。 重试',
    );
    expect(detail).to.deep.equal({ code: 'network', message: 'Failed to fetch' });
    expect(logged).to.have.length(1);

    $(panel, '[role="alert"] button').click();
    await waitFor(panel, () => $(panel, 'li.plan'), { what: 'the plans' });
    expect($$(panel, 'li.plan')).to.have.length(7);
    expect(merchant.count('getPlans')).to.equal(2);
  });

  it('shows invalid plan data as an error naming the field, without throwing into the page', async () => {
    const bad = fixturePlans().overdue;
    bad.installments[0]!.paid = 999999;
    let panel!: FenqiBillPanel;
    const logged = await capturingErrors(async () => {
      panel = await panelWith(new FakeMerchant({ plans: [bad] }));
    });
    // The shopper gets a sentence in their language; the field goes to the console (and the event).
    expect(visibleText($(panel, '[role="alert"]'))).to.contain('商户系统出错，暂时无法完成');
    expect(visibleText($(panel, '[role="alert"]'))).not.to.contain('installments');
    expect(logged[0]).to.contain('plans[0].installments[0].paid');
  });

  it('shows an error for a today attribute that is not a date', async () => {
    let panel!: FenqiBillPanel;
    const logged = await capturingErrors(async () => {
      panel = await panelWith(new FakeMerchant(), 'zh-CN', '2026-02-30');
    });
    expect($(panel, '[role="alert"]')).to.exist;
    expect(logged[0]).to.contain('bad-today');
  });

  it('is accessible in the list state', async () => {
    const panel = await panelWith();
    await expect(panel).to.be.accessible();
  });
});

describe('<fenqi-bill-panel> plans', () => {
  it('shows order, provider, progress, next due amount and an overdue badge', async () => {
    const panel = await panelWith();
    const text = visibleText(planItem(panel, 'plan-overdue'));
    expect(text).to.contain('Redmi K70');
    expect(text).to.contain('订单号 ORD-plan-overdue · 花呗分期');
    expect(text).to.contain('3/6期');
    // Dates of this year are written short, as stores do (the panel's today is in 2026).
    // 应还 is what paying installment 4 costs today: ¥1,045.00 and the late charge it includes.
    expect(text).to.contain('下期 3月8日 应还 ¥1,046.05');
    expect(visibleText(planItem(panel, 'plan-overdue').querySelector('[part="badge"]')!)).to.equal('已逾期 2 天');
    expect(text).to.contain('含逾期费用 ¥1.05');
    expect(text).to.contain('自动扣款：招商银行储蓄卡 ****1234');
  });

  it('counts the days to a coming due date, and says when auto-debit is off', async () => {
    const panel = await panelWith();
    const item = planItem(panel, 'plan-due-soon');
    expect(visibleText(item.querySelector('[part="badge"]')!)).to.equal('3天后到期');
    expect(visibleText(item)).to.contain('0/12期');
    expect(visibleText(planItem(panel, 'plan-waived-on-payoff'))).to.contain('自动扣款：未开通');
  });

  it('says 今天到期 on the due date', async () => {
    const panel = await panelWith(new FakeMerchant(), 'zh-CN', '2026-03-13');
    expect(visibleText(planItem(panel, 'plan-due-soon').querySelector('[part="badge"]')!)).to.equal('今天到期');
  });

  it('marks a paid-off plan and offers nothing to pay or change for it: no Repay, no 修改支付方式, no auto-debit line', async () => {
    const panel = await panelWith();
    const item = planItem(panel, 'plan-paid-off');
    expect(visibleText(item.querySelector('[part="badge"]')!)).to.equal('已还清');
    expect(visibleText(item)).to.contain('3/3期');
    expect(item.querySelector('button.repay')).to.be.null;
    expect(item.querySelector('button.method')).to.be.null;
    expect(item.querySelector('.auto-debit')).to.be.null;
    expect(visibleText(item)).not.to.contain('自动扣款');
    // A running plan beside it still has all three.
    const running = planItem(panel, 'plan-overdue');
    expect([
      running.querySelector('button.repay'),
      running.querySelector('button.method'),
      running.querySelector('.auto-debit'),
    ]).not.to.include(null);
  });

  it('gives amounts a spoken form for screen readers', async () => {
    const panel = await panelWith();
    const next = planItem(panel, 'plan-overdue').querySelector('.next')!;
    expect(next.querySelector('.visually-hidden')!.textContent).to.match(/1,046\.05\s?人民币/);
    expect(next.querySelector('[aria-hidden="true"]')!.textContent).to.equal('¥1,046.05');
  });

  it('expands a plan to its schedule and collapses it again', async () => {
    const panel = await panelWith();
    const item = planItem(panel, 'plan-overdue');
    const toggle = item.querySelector<HTMLButtonElement>('button.toggle')!;
    const table = item.querySelector('table')!;
    expect(toggle.getAttribute('aria-expanded')).to.equal('false');
    expect(table.hidden).to.be.true;
    toggle.click();
    await panel.updateComplete;
    expect(toggle.getAttribute('aria-expanded')).to.equal('true');
    expect(toggle.getAttribute('aria-controls')).to.equal(table.id);
    expect(table.hidden).to.be.false;
    const rows = [...table.querySelectorAll('tbody tr')].map((r) => visibleText(r));
    expect(rows).to.have.length(6);
    expect(rows[0]).to.equal('第1期 2025年12月8日 ¥1,045.00 已还 2025年12月8日');
    expect(rows[3]).to.equal('第4期 3月8日 ¥1,046.05 已逾期 2 天');
    expect(rows[4]).to.equal('第5期 4月8日 ¥1,045.00 待还');
    await expect(panel).to.be.accessible();
    toggle.click();
    await panel.updateComplete;
    expect(table.hidden).to.be.true;
  });

  it('speaks English on an English page', async () => {
    const panel = await panelWith(new FakeMerchant(), 'en');
    expect(visibleText(planItem(panel, 'plan-due-soon').querySelector('[part="badge"]')!)).to.equal('Due in 3 days');
    expect(visibleText(planItem(panel, 'plan-overdue').querySelector('[part="badge"]')!)).to.equal('2 days overdue');
    expect(visibleText(planItem(panel, 'plan-overdue'))).to.contain('Due Mar 8: ¥1,046.05');
    expect(visibleText(planItem(panel, 'plan-overdue').querySelector('button.repay')!)).to.equal('Repay now');
  });

  it('announces hello and the plans it shows on the bridge', async () => {
    const merchant = new FakeMerchant();
    const messages = await bridgeMessages(async () => {
      await panelWith(merchant);
    });
    expect(messages.map((m) => m.type)).to.deep.equal(['hello', 'plans']);
    const plans = messages[1]!.payload.plans as Array<{ id: string }>;
    expect(plans.map((p) => p.id)).to.deep.equal(merchant.plans.map((p) => p.id));
    expect(plans).to.have.length(7);
  });

  it('loads from the api attribute through the REST routes', async () => {
    const original = window.fetch;
    const urls: string[] = [];
    window.fetch = (async (url: string) => {
      urls.push(url);
      return new Response(JSON.stringify({ plans: [fixturePlans().overdue], asOf: TODAY }), {
        headers: { 'content-type': 'application/json' },
      });
    }) as typeof fetch;
    try {
      const panel = await fixture<FenqiBillPanel>(
        html`<fenqi-bill-panel api="/shop/api/" today=${TODAY}></fenqi-bill-panel>`,
      );
      expect(await whenReady(panel)).to.equal('ready');
      expect(urls).to.deep.equal(['/shop/api/plans']);
      expect($$(panel, 'li.plan')).to.have.length(1);
    } finally {
      window.fetch = original;
    }
  });

  it('fires fenqi-error with server-error when the API answers 500, whatever its body says', async () => {
    const original = window.fetch;
    window.fetch = (async () =>
      new Response(JSON.stringify({ error: { code: 'internal', message: 'Something went wrong' } }), {
        status: 500,
      })) as typeof fetch;
    try {
      const wrapper = await fixture<HTMLElement>(html`<div></div>`);
      const panel = document.createElement('fenqi-bill-panel');
      panel.api = '/api';
      const logged = await capturingErrors(async () => {
        const event = oneEvent(wrapper, 'fenqi-error');
        wrapper.append(panel);
        expect((await event).detail).to.deep.equal({ code: 'server-error', message: 'HTTP 500: Something went wrong' });
      });
      expect(logged).to.have.length(1);
    } finally {
      window.fetch = original;
    }
  });
});
