import { expect } from '@open-wc/testing';
import { envelope } from '../../shared/bridge.js';
import { localToday } from '../../shared/dates.js';
import type { Plan } from '../../shared/plan.js';
import { handlePageMessage } from '../../extension/background/messages.js';
import { dueReminders } from '../../extension/background/reminders.js';
import { showPopup } from '../../extension/popup/popup-view.js';
import { getPlan, plansDueBy, plansUnderReview, soonestDuePlan } from '../../extension/storage/plans.js';
import { stillDue } from '../../extension/storage/reminders.js';
import { deleteEverything } from '../../extension/storage/snapshot.js';
import { saveSettings } from '../../extension/storage/settings.js';
import { useDatabase } from '../../extension/storage/schema.js';
import { pageSender, resetStub } from '../helpers/browser-stub.js';
import { plan, SHOP } from './fixtures.js';

const fromShop = pageSender(`${SHOP}/bills`);
const withStatus = (p: Plan, status: Plan['status'], statusReason?: string): Plan => ({
  ...p,
  status,
  ...(statusReason ? { statusReason } : {}),
});

describe('the extension and a plan’s status (issue 15)', () => {
  before(() => useDatabase('fenqi-test-lifecycle'));
  beforeEach(async () => {
    await deleteEverything();
    resetStub();
    await saveSettings({ tracking: true });
  });

  /** A store lists one active plan due in 5 days and `other` (due sooner: in 1 day, and 2 days overdue). */
  async function announce(other: Plan) {
    const ack = await handlePageMessage(envelope('plans', { plans: [plan('A', [5, 35]), other] }), fromShop);
    expect(ack).to.deep.equal({ ok: true, changed: true });
  }

  it('counts down and reminds only for the active plan, and lists one under review as such', async () => {
    await announce(withStatus(plan('R', [-2, 1]), 'under-review'));
    expect((await soonestDuePlan())!.id).to.equal('A', 'the badge counts down to the active plan');
    const today = localToday();
    const due = await plansDueBy('9999-01-01');
    expect(due.map((p) => p.id)).to.deep.equal(['A']);
    expect(dueReminders(due, today, [3, 0]).map((r) => r.planId)).to.deep.equal([]);
    const review = (await getPlan(SHOP, 'R'))!;
    expect(review.archived).to.equal(false);
    expect(
      stillDue(review, { origin: SHOP, planId: 'R', n: 1, dueDate: review.installments[0]!.dueDate, daysBefore: -1 }),
    ).to.equal(false);
    expect((await plansUnderReview(50)).map((p) => p.id)).to.deep.equal(['R']);

    const root = document.createElement('main');
    document.body.replaceChildren(root);
    await showPopup(root, today);
    const item = root.querySelector<HTMLElement>('#under-review li.plan')!;
    expect(item.dataset.plan).to.equal('R');
    expect(item.textContent).to.contain('Under review');
    expect(item.textContent).to.contain('Nothing is due until the provider approves it.');
    expect(item.querySelectorAll('button')).to.have.length(0);
    expect([...root.querySelectorAll<HTMLElement>('#upcoming li.plan')].map((li) => li.dataset.plan)).to.deep.equal([
      'A',
    ]);
  });

  it('counts an approved plan down once the store reports it active', async () => {
    await announce(withStatus(plan('R', [1, 31]), 'under-review'));
    expect((await soonestDuePlan())!.id).to.equal('A');
    await announce(withStatus(plan('R', [1, 31]), 'active'));
    expect((await soonestDuePlan())!.id).to.equal('R');
    expect(await plansUnderReview(50)).to.deep.equal([]);
  });

  it('archives a rejected or cancelled plan at once and never reminds of it', async () => {
    await announce(withStatus(plan('X', [-2, 1]), 'rejected', '超出花呗分期可用额度'));
    await handlePageMessage(envelope('repaid', { plan: withStatus(plan('C', [0]), 'cancelled') }), fromShop);
    for (const id of ['X', 'C']) {
      const stored = (await getPlan(SHOP, id))!;
      expect(stored.archived, id).to.equal(true);
      expect(stored.nextDue, id).to.equal('9999-12-31');
    }
    expect((await getPlan(SHOP, 'X'))!.statusReason).to.equal('超出花呗分期可用额度');
    expect((await soonestDuePlan())!.id).to.equal('A');
    expect(await plansUnderReview(50)).to.deep.equal([]);
  });
});
