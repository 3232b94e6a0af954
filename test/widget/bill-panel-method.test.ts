import { expect, waitUntil } from '@open-wc/testing';
import type { FenqiBillPanel } from '../../widget/bill-panel/bill-panel.js';
import {
  $,
  ALIPAY,
  FakeAdapter,
  bridgeMessages,
  overduePlan,
  panelWith,
  planItem,
  settle,
  visibleText,
} from './bill-panel.fixtures.js';

const CODE = '246810';

/** A merchant that asks for an SMS code, and changes the method when it is CODE. */
function verifying(adapter: FakeAdapter, extra: { resendAfter?: number } = {}): void {
  adapter.methodAnswer = async (_id, body) => {
    if (body.verification === undefined) return { verification: 'sms', hint: '验证码已发送至 138****8000', ...extra };
    if (body.verification !== CODE) throw { error: { code: 'wrong-code', message: 'The verification code is wrong' } };
    return { plan: { ...overduePlan(), preferredMethod: ALIPAY } };
  };
}

async function openMethod(panel: FenqiBillPanel): Promise<HTMLDialogElement> {
  planItem(panel, 'p-overdue').querySelector<HTMLButtonElement>('button.method')!.focus();
  planItem(panel, 'p-overdue').querySelector<HTMLButtonElement>('button.method')!.click();
  await settle(panel);
  return $(panel, 'dialog.method') as HTMLDialogElement;
}

async function choose(panel: FenqiBillPanel, dialog: HTMLDialogElement, id: string): Promise<void> {
  dialog.querySelector<HTMLInputElement>(`input[value="${id}"]`)!.click();
  await settle(panel);
  dialog.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
  await settle(panel);
}

async function enter(panel: FenqiBillPanel, dialog: HTMLDialogElement, code: string): Promise<void> {
  dialog.querySelector<HTMLInputElement>('input[name="code"]')!.value = code;
  dialog.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
  await settle(panel);
}

const alertText = (dialog: HTMLDialogElement) => visibleText(dialog.querySelector('[role="alert"]')!);

describe('<fenqi-bill-panel> payment-method flow', () => {
  it('lists the payment methods with the current one chosen', async () => {
    const panel = await panelWith(new FakeAdapter());
    const dialog = await openMethod(panel);
    expect(dialog.matches(':modal')).to.be.true;
    const radios = [...dialog.querySelectorAll<HTMLInputElement>('input[name="method"]')];
    expect(radios.map((r) => visibleText(r.closest('label')!))).to.deep.equal([
      '招商银行储蓄卡 ****1234 (当前)',
      '工商银行信用卡 ****8848',
      '支付宝余额',
    ]);
    expect(radios[0]!.checked).to.be.true;
    await expect(panel).to.be.accessible();
  });

  it('says so when the chosen method is already the current one, without asking the merchant', async () => {
    const adapter = new FakeAdapter();
    const panel = await panelWith(adapter);
    const dialog = await openMethod(panel);
    await choose(panel, dialog, 'pm-cmb');
    expect(alertText(dialog)).to.equal('这已经是当前的支付方式。');
    expect(adapter.count('setPreferredMethod')).to.equal(0);
  });

  it('asks for the verification code, refuses a malformed one, and reports a wrong one', async () => {
    const adapter = new FakeAdapter();
    verifying(adapter);
    const panel = await panelWith(adapter);
    let requested: CustomEvent | undefined;
    panel.addEventListener('fenqi-verification', (e) => (requested = e));
    const dialog = await openMethod(panel);
    await choose(panel, dialog, 'pm-alipay');
    expect(visibleText(dialog.querySelector('#code-hint')!)).to.equal('验证码已发送至 138****8000');
    expect(panel.shadowRoot!.activeElement).to.equal(dialog.querySelector('input[name="code"]'));
    expect(requested!.detail).to.deep.equal({
      planId: 'p-overdue',
      verification: 'sms',
      hint: '验证码已发送至 138****8000',
    });
    await expect(panel).to.be.accessible();

    await enter(panel, dialog, '12ab');
    expect(alertText(dialog)).to.equal('请输入 6 位数字验证码。');
    expect(adapter.count('setPreferredMethod')).to.equal(1);

    await enter(panel, dialog, '135790');
    expect(alertText(dialog)).to.equal('验证码错误，请重新输入。');
    expect(dialog.querySelector('input[name="code"]')!.getAttribute('aria-invalid')).to.equal('true');
    expect(visibleText(planItem(panel, 'p-overdue'))).to.contain('招商银行储蓄卡');
  });

  it('sends a new code on resend, and empties the code field', async () => {
    const adapter = new FakeAdapter();
    verifying(adapter, { resendAfter: 0 });
    const panel = await panelWith(adapter);
    const dialog = await openMethod(panel);
    await choose(panel, dialog, 'pm-alipay');
    dialog.querySelector<HTMLInputElement>('input[name="code"]')!.value = '1357';
    dialog.querySelector<HTMLButtonElement>('button.resend')!.click();
    await settle(panel);
    expect(visibleText(dialog.querySelector('.info')!)).to.equal('验证码已重新发送');
    expect(dialog.querySelector<HTMLInputElement>('input[name="code"]')!.value).to.equal('');
    const calls = adapter.calls.filter((c) => c.method === 'setPreferredMethod');
    expect(calls.map((c) => c.body)).to.deep.equal([{ methodId: 'pm-alipay' }, { methodId: 'pm-alipay' }]);
  });

  it('changes the method with the right code, shows the result, updates the plan and announces it', async () => {
    const adapter = new FakeAdapter();
    verifying(adapter);
    const panel = await panelWith(adapter);
    const dialog = await openMethod(panel);
    await choose(panel, dialog, 'pm-alipay');
    let changed: CustomEvent | undefined;
    panel.addEventListener('fenqi-method-changed', (e) => (changed = e), { once: true });
    const messages = await bridgeMessages(() => enter(panel, dialog, CODE));
    expect(adapter.calls.at(-1)!.body).to.deep.equal({ methodId: 'pm-alipay', verification: CODE });
    expect(visibleText(dialog.querySelector('.result')!)).to.equal('修改成功：到期将从 支付宝余额 自动扣款。');
    expect(visibleText(planItem(panel, 'p-overdue'))).to.contain('自动扣款：支付宝余额');
    expect(messages.map((m) => m.type)).to.deep.equal(['method-changed']);
    expect(messages[0]!.payload.plan.preferredMethod.id).to.equal('pm-alipay');
    // The code goes to the merchant only: it is in no announcement and no event.
    expect(JSON.stringify(messages)).not.to.contain(CODE);
    expect(JSON.stringify(changed!.detail)).not.to.contain(CODE);

    const opener = planItem(panel, 'p-overdue').querySelector('button.method');
    dialog.querySelector<HTMLButtonElement>('button.done')!.click();
    await settle(panel);
    expect($(panel, 'dialog')).to.be.null;
    expect(panel.shadowRoot!.activeElement).to.equal(opener);
  });

  it('goes straight to the result when the merchant asks for no verification', async () => {
    const adapter = new FakeAdapter();
    adapter.methodAnswer = async () => ({ plan: { ...overduePlan(), preferredMethod: ALIPAY } });
    const panel = await panelWith(adapter);
    const dialog = await openMethod(panel);
    await choose(panel, dialog, 'pm-alipay');
    expect(dialog.querySelector('.result')).to.exist;
  });

  it('shows a refused change and keeps the old method', async () => {
    const adapter = new FakeAdapter();
    adapter.methodAnswer = () =>
      Promise.reject({ code: 'unknown-method', message: 'There is no payment method pm-alipay' });
    const panel = await panelWith(adapter);
    const dialog = await openMethod(panel);
    await choose(panel, dialog, 'pm-alipay');
    expect(alertText(dialog)).to.equal('这个支付方式已不可用，请换一个。支付方式未修改。');
    expect(visibleText(planItem(panel, 'p-overdue'))).to.contain('自动扣款：招商银行储蓄卡');
  });
});

describe('<fenqi-bill-panel> the SMS step', () => {
  /** A merchant that asks for a code, then refuses every code with `refusal`. */
  function refusing(adapter: FakeAdapter, refusal: Record<string, unknown>): void {
    adapter.methodAnswer = async (_id, body) => {
      if (body.verification === undefined) return { verification: 'sms', hint: '验证码已发送至 138****8000' };
      throw { error: refusal };
    };
  }

  it('names the method, counts 60 s down before a resend, and asks for a one-time code', async () => {
    const adapter = new FakeAdapter();
    verifying(adapter);
    const panel = await panelWith(adapter);
    const dialog = await openMethod(panel);
    await choose(panel, dialog, 'pm-alipay');
    expect(visibleText(dialog.querySelector('h3')!)).to.equal('安全验证：改为 支付宝余额');
    const resend = dialog.querySelector<HTMLButtonElement>('button.resend')!;
    expect(resend.disabled).to.be.true;
    expect(visibleText(resend)).to.match(/^重新发送\((60|59)s\)$/);
    const input = dialog.querySelector<HTMLInputElement>('input[name="code"]')!;
    // The attribute, not the `autocomplete` property: Firefox, which has no one-time-code autofill, reads the
    // token it does not know as '' (docs/architecture.md, Engines); Chromium and Safari offer the SMS code.
    expect([input.getAttribute('autocomplete'), input.inputMode]).to.deep.equal(['one-time-code', 'numeric']);
    resend.click();
    await settle(panel);
    expect(adapter.count('setPreferredMethod')).to.equal(1);
  });

  it('lets the shopper resend once the merchant’s wait is over', async () => {
    const adapter = new FakeAdapter();
    verifying(adapter, { resendAfter: 1 });
    const panel = await panelWith(adapter, 'en');
    const dialog = await openMethod(panel);
    await choose(panel, dialog, 'pm-alipay');
    const resend = dialog.querySelector<HTMLButtonElement>('button.resend')!;
    expect(visibleText(resend)).to.equal('New code in 1s');
    await waitUntil(() => !resend.disabled, 'the countdown ends', { timeout: 5000 });
    expect(visibleText(resend)).to.equal('Send a new code');
  });

  it('says how many tries are left after a wrong code', async () => {
    const adapter = new FakeAdapter();
    refusing(adapter, { code: 'wrong-code', message: 'wrong', attemptsLeft: 2 });
    const panel = await panelWith(adapter);
    const dialog = await openMethod(panel);
    await choose(panel, dialog, 'pm-alipay');
    await enter(panel, dialog, '135790');
    expect(alertText(dialog)).to.equal('验证码错误，还可尝试 2 次。');
  });

  it('tells a locked code from an expired one, and waits out the lock before a resend', async () => {
    const adapter = new FakeAdapter();
    refusing(adapter, { code: 'verification-locked', message: 'locked', retryAfter: 600 });
    const panel = await panelWith(adapter);
    let dialog = await openMethod(panel);
    await choose(panel, dialog, 'pm-alipay');
    await enter(panel, dialog, '135790');
    expect(alertText(dialog)).to.equal('验证码错误次数过多，已锁定。请 10 分钟后重新获取验证码。');
    expect(visibleText(dialog.querySelector('button.resend')!)).to.match(/^重新发送\((600|599)s\)$/);

    const en = await panelWith(adapter, 'en');
    refusing(adapter, { code: 'verification-expired', message: 'expired' });
    dialog = await openMethod(en);
    await choose(en, dialog, 'pm-alipay');
    await enter(en, dialog, '135790');
    expect(alertText(dialog)).to.equal('The code has expired. Ask for a new one.');
  });

  it('says when too many codes were asked for', async () => {
    const adapter = new FakeAdapter();
    adapter.methodAnswer = () => Promise.reject({ code: 'too-many-codes', message: 'slow down', retryAfter: 120 });
    const panel = await panelWith(adapter);
    const dialog = await openMethod(panel);
    await choose(panel, dialog, 'pm-alipay');
    expect(alertText(dialog)).to.equal('获取验证码过于频繁，请 2 分钟后再试。支付方式未修改。');
  });

  it('can be closed while a change is being sent, and then tells how it ended on the panel', async () => {
    const adapter = new FakeAdapter();
    let answer!: () => void;
    adapter.methodAnswer = () =>
      new Promise((resolve) => (answer = () => resolve({ plan: { ...overduePlan(), preferredMethod: ALIPAY } })));
    const panel = await panelWith(adapter);
    const dialog = await openMethod(panel);
    await choose(panel, dialog, 'pm-alipay');
    dialog.querySelector<HTMLButtonElement>('.actions button:not([type="submit"])')!.click();
    await settle(panel);
    expect($(panel, 'dialog')).to.be.null;
    answer();
    await settle(panel);
    expect($(panel, 'dialog')).to.be.null;
    expect(visibleText($(panel, '.notice'))).to.equal('修改成功：到期将从 支付宝余额 自动扣款。');
    expect(visibleText(planItem(panel, 'p-overdue'))).to.contain('自动扣款：支付宝余额');
  });
});

describe('<fenqi-bill-panel> deep links', () => {
  afterEach(() => history.replaceState(null, '', location.pathname + location.search));

  it('opens the repay flow for #fenqi=repay&plan=ID on load, and forgets the link when it closes', async () => {
    history.replaceState(null, '', '#fenqi=repay&plan=p-overdue');
    const panel = await panelWith(new FakeAdapter());
    const dialog = $(panel, 'dialog.repay') as HTMLDialogElement;
    expect(dialog.open).to.be.true;
    expect(visibleText(dialog.querySelector('h2')!)).to.equal('立即还款 · Redmi K70');
    dialog.querySelector<HTMLButtonElement>('.actions button:not(.confirm)')!.click();
    await settle(panel);
    expect(dialog.isConnected).to.be.false;
    // Once the dialog's own history entry is taken back (the browser's Back closes a dialog).
    await waitUntil(() => location.hash === '', 'the link is forgotten');
  });

  it('opens the payment-method flow on hashchange', async () => {
    const panel = await panelWith(new FakeAdapter());
    location.hash = '#fenqi=method&plan=p-soon';
    await new Promise((r) => window.addEventListener('hashchange', r, { once: true }));
    await settle(panel);
    expect(visibleText($(panel, 'dialog.method h2'))).to.equal('修改支付方式 · Xiaomi 14 Ultra');
  });

  it('stops following hash changes once removed from the page', async () => {
    const adapter = new FakeAdapter();
    const panel = await panelWith(adapter);
    panel.remove();
    location.hash = '#fenqi=method&plan=p-soon';
    await new Promise((r) => window.addEventListener('hashchange', r, { once: true }));
    await settle(panel);
    // A flow that opened would have asked for the payment methods.
    expect(adapter.count('getPaymentMethods')).to.equal(0);
  });

  it('says clearly when the linked plan is unknown', async () => {
    history.replaceState(null, '', '#fenqi=repay&plan=p-nope');
    const panel = await panelWith(new FakeAdapter());
    expect($(panel, 'dialog')).to.be.null;
    expect(visibleText($(panel, '.notice'))).to.equal('找不到分期 p-nope：它不在本店的分期账单里。');
  });

  it('says there is nothing to repay on a paid-off plan', async () => {
    history.replaceState(null, '', '#fenqi=repay&plan=p-done');
    const panel = await panelWith(new FakeAdapter());
    expect($(panel, 'dialog')).to.be.null;
    expect(visibleText($(panel, '.notice'))).to.equal('这笔分期已还清，无需还款。');
  });

  it('ignores hashes that are not fenqi links', async () => {
    history.replaceState(null, '', '#reviews');
    const panel = await panelWith(new FakeAdapter());
    expect($(panel, 'dialog')).to.be.null;
    expect($(panel, '.notice')).to.be.null;
  });
});
