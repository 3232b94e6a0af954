import { expect, waitUntil } from '@open-wc/testing';
import type { FenqiBillPanel } from '../../widget/bill-panel/bill-panel.js';
import { FakeMerchant, FIXTURE_CODE, waitFor } from '../../widget/testing.js';
import {
  $,
  bridgeMessages,
  closed,
  idle,
  openMethod,
  panelWith,
  planItem,
  saying,
  visibleText,
} from './bill-panel.fixtures.js';

const CODE = FIXTURE_CODE;

/** Picks method `id` and sends it; resolves once the merchant's answer shows: a code step, a result or why not. */
async function choose(panel: FenqiBillPanel, dialog: HTMLDialogElement, id: string): Promise<void> {
  dialog.querySelector<HTMLInputElement>(`input[value="${id}"]`)!.click();
  await panel.updateComplete;
  dialog.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
  await waitFor(
    panel,
    () =>
      dialog.querySelector('input[name="code"], .result') ||
      [...dialog.querySelectorAll('[role="alert"]')].some((e) => visibleText(e) !== ''),
    { what: 'the merchant’s answer' },
  );
}

/** Enters `code` and sends it; resolves once the answer (or the panel's own refusal of the format) is shown. */
async function enter(panel: FenqiBillPanel, dialog: HTMLDialogElement, code: string): Promise<void> {
  dialog.querySelector<HTMLInputElement>('input[name="code"]')!.value = code;
  dialog.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
  await idle(panel, dialog);
}

const alertText = (dialog: HTMLDialogElement) => visibleText(dialog.querySelector('[role="alert"]')!);

describe('<fenqi-bill-panel> payment-method flow', () => {
  it('lists the payment methods with the current one chosen', async () => {
    const panel = await panelWith();
    const dialog = await openMethod(panel);
    expect(dialog.matches(':modal')).to.be.true;
    const radios = [...dialog.querySelectorAll<HTMLInputElement>('input[name="method"]')];
    expect(radios.map((r) => visibleText(r.closest('label')!))).to.deep.equal([
      '招商银行储蓄卡 ****1234 (当前)',
      '工商银行信用卡 ****8848',
      '支付宝余额',
      '中国银行储蓄卡（余额不足） ****0000',
    ]);
    expect(radios[0]!.checked).to.be.true;
    await expect(panel).to.be.accessible();
  });

  it('says so when the chosen method is already the current one, without asking the merchant', async () => {
    const merchant = new FakeMerchant();
    const panel = await panelWith(merchant);
    const dialog = await openMethod(panel);
    await choose(panel, dialog, 'pm-cmb');
    expect(alertText(dialog)).to.equal('这已经是当前的支付方式。');
    expect(merchant.count('setPreferredMethod')).to.equal(0);
  });

  it('asks for the verification code, refuses a malformed one, and reports a wrong one', async () => {
    const merchant = new FakeMerchant();
    const panel = await panelWith(merchant);
    let requested: CustomEvent | undefined;
    panel.addEventListener('fenqi-verification', (e) => (requested = e));
    const dialog = await openMethod(panel);
    await choose(panel, dialog, 'pm-alipay');
    expect(visibleText(dialog.querySelector('#code-hint')!)).to.equal('验证码已发送至 138****8000');
    expect(panel.shadowRoot!.activeElement).to.equal(dialog.querySelector('input[name="code"]'));
    expect(requested!.detail).to.deep.equal({
      planId: 'plan-overdue',
      verification: 'sms',
      hint: '验证码已发送至 138****8000',
    });
    await expect(panel).to.be.accessible();

    await enter(panel, dialog, '12ab');
    expect(alertText(dialog)).to.equal('请输入 6 位数字验证码。');
    expect(merchant.count('setPreferredMethod')).to.equal(1);

    await enter(panel, dialog, '135790');
    expect(alertText(dialog)).to.equal('验证码错误，请重新输入。');
    expect(dialog.querySelector('input[name="code"]')!.getAttribute('aria-invalid')).to.equal('true');
    expect(visibleText(planItem(panel, 'plan-overdue'))).to.contain('招商银行储蓄卡');
  });

  it('sends a new code on resend, and empties the code field', async () => {
    const merchant = new FakeMerchant({ verification: { kind: 'sms', code: CODE, resendAfter: 0 } });
    const panel = await panelWith(merchant);
    const dialog = await openMethod(panel);
    await choose(panel, dialog, 'pm-alipay');
    dialog.querySelector<HTMLInputElement>('input[name="code"]')!.value = '1357';
    dialog.querySelector<HTMLButtonElement>('button.resend')!.click();
    await saying(panel, '.info', dialog);
    expect(visibleText(dialog.querySelector('.info')!)).to.equal('验证码已重新发送');
    expect(dialog.querySelector<HTMLInputElement>('input[name="code"]')!.value).to.equal('');
    const calls = merchant.calls.filter((c) => c.route === 'setPreferredMethod');
    expect(calls.map((c) => c.body)).to.deep.equal([{ methodId: 'pm-alipay' }, { methodId: 'pm-alipay' }]);
  });

  it('changes the method with the right code, shows the result, updates the plan and announces it', async () => {
    const merchant = new FakeMerchant();
    const panel = await panelWith(merchant);
    const dialog = await openMethod(panel);
    await choose(panel, dialog, 'pm-alipay');
    let changed: CustomEvent | undefined;
    panel.addEventListener('fenqi-method-changed', (e) => (changed = e), { once: true });
    const messages = await bridgeMessages(() => enter(panel, dialog, CODE));
    expect(merchant.calls.at(-1)!.body).to.deep.equal({ methodId: 'pm-alipay', verification: CODE });
    expect(visibleText(dialog.querySelector('.result')!)).to.equal('修改成功：到期将从 支付宝余额 自动扣款。');
    expect(visibleText(planItem(panel, 'plan-overdue'))).to.contain('自动扣款：支付宝余额');
    expect(messages.map((m) => m.type)).to.deep.equal(['method-changed']);
    expect(messages[0]!.payload.plan.preferredMethod.id).to.equal('pm-alipay');
    // The code goes to the merchant only: it is in no announcement and no event.
    expect(JSON.stringify(messages)).not.to.contain(CODE);
    expect(JSON.stringify(changed!.detail)).not.to.contain(CODE);

    const opener = planItem(panel, 'plan-overdue').querySelector('button.method');
    dialog.querySelector<HTMLButtonElement>('button.done')!.click();
    await closed(panel, dialog);
    expect($(panel, 'dialog')).to.be.null;
    expect(panel.shadowRoot!.activeElement).to.equal(opener);
  });

  it('goes straight to the result when the merchant asks for no verification', async () => {
    const merchant = new FakeMerchant({ verification: null });
    const panel = await panelWith(merchant);
    const dialog = await openMethod(panel);
    await choose(panel, dialog, 'pm-alipay');
    expect(dialog.querySelector('.result')).to.exist;
    expect(merchant.count('setPreferredMethod')).to.equal(1);
  });

  it('shows a refused change and keeps the old method', async () => {
    const merchant = new FakeMerchant().failNext('setPreferredMethod', {
      code: 'unknown-method',
      message: 'There is no payment method pm-alipay',
    });
    const panel = await panelWith(merchant);
    const dialog = await openMethod(panel);
    await choose(panel, dialog, 'pm-alipay');
    expect(alertText(dialog)).to.equal('这个支付方式已不可用，请换一个。支付方式未修改。');
    expect(visibleText(planItem(panel, 'plan-overdue'))).to.contain('自动扣款：招商银行储蓄卡');
  });
});

describe('<fenqi-bill-panel> the SMS step', () => {
  it('names the method, counts 60 s down before a resend, and asks for a one-time code', async () => {
    const merchant = new FakeMerchant();
    const panel = await panelWith(merchant);
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
    // A disabled button takes no click: the press is processed (an update later) and nothing is asked.
    resend.click();
    await panel.updateComplete;
    expect(merchant.count('setPreferredMethod')).to.equal(1);
  });

  it('lets the shopper resend once the merchant’s wait is over', async () => {
    const merchant = new FakeMerchant({ verification: { kind: 'sms', code: CODE, resendAfter: 1 } });
    const panel = await panelWith(merchant, 'en');
    const dialog = await openMethod(panel);
    await choose(panel, dialog, 'pm-alipay');
    const resend = dialog.querySelector<HTMLButtonElement>('button.resend')!;
    expect(visibleText(resend)).to.equal('New code in 1s');
    await waitUntil(() => !resend.disabled, 'the countdown ends', { timeout: 5000 });
    expect(visibleText(resend)).to.equal('Send a new code');
  });

  it('says how many tries are left after a wrong code', async () => {
    const merchant = new FakeMerchant();
    const panel = await panelWith(merchant);
    const dialog = await openMethod(panel);
    await choose(panel, dialog, 'pm-alipay');
    merchant.failNext('setPreferredMethod', { code: 'wrong-code', message: 'wrong', attemptsLeft: 2 });
    await enter(panel, dialog, '135790');
    expect(alertText(dialog)).to.equal('验证码错误，还可尝试 2 次。');
  });

  it('tells a locked code from an expired one, and waits out the lock before a resend', async () => {
    const merchant = new FakeMerchant();
    const panel = await panelWith(merchant);
    let dialog = await openMethod(panel);
    await choose(panel, dialog, 'pm-alipay');
    merchant.failNext('setPreferredMethod', { code: 'verification-locked', message: 'locked', retryAfter: 600 });
    await enter(panel, dialog, '135790');
    expect(alertText(dialog)).to.equal('验证码错误次数过多，已锁定。请 10 分钟后重新获取验证码。');
    expect(visibleText(dialog.querySelector('button.resend')!)).to.match(/^重新发送\((600|599)s\)$/);

    const en = await panelWith(merchant, 'en');
    dialog = await openMethod(en);
    await choose(en, dialog, 'pm-alipay');
    merchant.failNext('setPreferredMethod', { code: 'verification-expired', message: 'expired' });
    await enter(en, dialog, '135790');
    expect(alertText(dialog)).to.equal('The code has expired. Ask for a new one.');
  });

  it('says when too many codes were asked for', async () => {
    const merchant = new FakeMerchant().failNext('setPreferredMethod', {
      code: 'too-many-codes',
      message: 'slow down',
      retryAfter: 120,
    });
    const panel = await panelWith(merchant);
    const dialog = await openMethod(panel);
    await choose(panel, dialog, 'pm-alipay');
    expect(alertText(dialog)).to.equal('获取验证码过于频繁，请 2 分钟后再试。支付方式未修改。');
  });

  it('can be closed while a change is being sent, and then tells how it ended on the panel', async () => {
    const merchant = new FakeMerchant({ verification: null });
    const answer = merchant.holdNext('setPreferredMethod');
    const panel = await panelWith(merchant);
    const dialog = await openMethod(panel);
    dialog.querySelector<HTMLInputElement>('input[value="pm-alipay"]')!.click();
    await panel.updateComplete;
    dialog.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    await panel.updateComplete;
    expect(merchant.count('setPreferredMethod'), 'the change is out').to.equal(1);
    dialog.querySelector<HTMLButtonElement>('.actions button:not([type="submit"])')!.click();
    await closed(panel, dialog);
    expect($(panel, 'dialog')).to.be.null;
    answer();
    await saying(panel, '.notice');
    expect($(panel, 'dialog')).to.be.null;
    expect(visibleText($(panel, '.notice'))).to.equal('修改成功：到期将从 支付宝余额 自动扣款。');
    expect(visibleText(planItem(panel, 'plan-overdue'))).to.contain('自动扣款：支付宝余额');
  });
});

describe('<fenqi-bill-panel> deep links', () => {
  afterEach(() => history.replaceState(null, '', location.pathname + location.search));

  it('opens the repay flow for #fenqi=repay&plan=ID on load, and forgets the link when it closes', async () => {
    history.replaceState(null, '', '#fenqi=repay&plan=plan-overdue');
    const panel = await panelWith();
    const dialog = await waitFor(panel, () => $<HTMLDialogElement>(panel, 'dialog.repay'), { what: 'the dialog' });
    expect(dialog.open).to.be.true;
    expect(visibleText(dialog.querySelector('h2')!)).to.equal('立即还款 · Redmi K70');
    dialog.querySelector<HTMLButtonElement>('.actions button:not(.confirm)')!.click();
    await closed(panel, dialog);
    expect(dialog.isConnected).to.be.false;
    // Once the dialog's own history entry is taken back (the browser's Back closes a dialog).
    await waitUntil(() => location.hash === '', 'the link is forgotten');
  });

  it('opens the payment-method flow on hashchange', async () => {
    const panel = await panelWith();
    location.hash = '#fenqi=method&plan=plan-due-soon';
    await new Promise((r) => window.addEventListener('hashchange', r, { once: true }));
    const title = await waitFor(panel, () => $(panel, 'dialog.method h2'), { what: 'the dialog' });
    expect(visibleText(title)).to.equal('修改支付方式 · Xiaomi 14 Ultra');
  });

  it('stops following hash changes once removed from the page', async () => {
    const merchant = new FakeMerchant();
    const panel = await panelWith(merchant);
    // A panel still on the page, which does follow the link: once it has opened its flow, the hash change has
    // been processed everywhere.
    const witness = await panelWith();
    panel.remove();
    location.hash = '#fenqi=method&plan=plan-due-soon';
    await new Promise((r) => window.addEventListener('hashchange', r, { once: true }));
    await waitFor(witness, () => $(witness, 'dialog.method input[name="method"]'), { what: 'the witness’s flow' });
    // A flow that opened would have asked for the payment methods.
    expect(merchant.count('getPaymentMethods')).to.equal(0);
    expect($(panel, 'dialog')).to.be.null;
  });

  it('says clearly when the linked plan is unknown', async () => {
    history.replaceState(null, '', '#fenqi=repay&plan=p-nope');
    const panel = await panelWith();
    expect($(panel, 'dialog')).to.be.null;
    expect(visibleText($(panel, '.notice'))).to.equal('找不到分期 p-nope：它不在本店的分期账单里。');
  });

  it('opens no 修改支付方式 for a paid-off plan from a deep link, and says why', async () => {
    history.replaceState(null, '', '#fenqi=method&plan=plan-paid-off');
    const panel = await panelWith();
    expect($(panel, 'dialog')).to.be.null;
    expect(visibleText($(panel, '.notice'))).to.equal('这笔分期已还清，不再扣款，无需修改支付方式。');
  });

  it('says there is nothing to repay on a paid-off plan', async () => {
    history.replaceState(null, '', '#fenqi=repay&plan=plan-paid-off');
    const panel = await panelWith();
    expect($(panel, 'dialog')).to.be.null;
    expect(visibleText($(panel, '.notice'))).to.equal('这笔分期已还清，无需还款。');
  });

  it('ignores hashes that are not fenqi links', async () => {
    history.replaceState(null, '', '#reviews');
    // The panel reads the hash in the same task as it shows the plans: once they are shown, the hash was read.
    const panel = await panelWith();
    expect($(panel, 'dialog')).to.be.null;
    expect($(panel, '.notice')).to.be.null;
  });
});
