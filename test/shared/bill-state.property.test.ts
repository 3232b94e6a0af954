import fc from 'fast-check';
import { amountDue, applyRepayment, type Plan, planStatus, RepaymentError } from '../../shared/index.js';
import { check, planOnDay, RUNS } from './arbitraries.js';

const owed = (p: Plan) => p.installments.reduce((s, i) => s + i.principal + i.fee, 0);
const paid = (p: Plan) => p.installments.reduce((s, i) => s + i.paid, 0);
const unpaidNs = (p: Plan) => p.installments.filter((i) => i.paid < i.principal + i.fee).map((i) => i.n);

describe('repayment properties', function () {
  // 10,000 runs each: allow for a machine busy with the other test browsers.
  this.timeout(60_000);

  it('a repayment of the oldest installments or a payoff never creates or loses a fen', () => {
    const request = fc.oneof(fc.constant<'payoff'>('payoff'), fc.double({ min: 0, max: 1, noNaN: true }));
    fc.assert(
      fc.property(planOnDay, request, ({ plan, today }, req) => {
        const open = unpaidNs(plan);
        fc.pre(open.length > 0);
        const before = structuredClone(plan);
        const status = planStatus(plan, today);
        const ns = req === 'payoff' ? open : open.slice(0, 1 + Math.floor(req * (open.length - 1)));
        const r = applyRepayment(plan, req === 'payoff' ? { payoff: true } : { installments: ns }, today);

        check(JSON.stringify(plan) === JSON.stringify(before), 'the input plan changed');
        check(r.charged === r.installmentsPaid + r.lateCharge, 'charged ≠ installments + late charge');
        check(
          paid(r.plan) - paid(plan) === r.installmentsPaid,
          'paid amounts moved by something else than the repayment',
        );
        check(owed(plan) === owed(r.plan) + r.waivedFee, 'principal + fee changed by something else than the waiver');
        check(r.settled.join() === ns.join(), 'settled the wrong installments');
        const late = status.installments.filter((s) => ns.includes(s.n)).reduce((a, s) => a + s.lateCharge, 0);
        check(r.lateCharge === late, 'late charge differs from the status on the same day');
        const after = planStatus(r.plan, today);
        check(
          after.outstanding === status.outstanding - r.installmentsPaid - r.waivedFee,
          'outstanding does not add up',
        );
        if (req === 'payoff') check(after.state === 'paid-off', 'a payoff left something unpaid');
        if (plan.policy.unbilledFeesOnPayoff === 'charged' || req !== 'payoff')
          check(r.waivedFee === 0, 'waived a fee');
        for (const i of r.plan.installments) {
          const sum = (i.payments ?? []).reduce((a, x) => a + x.amount, 0);
          if (i.payments) check(sum === i.paid, `installment ${i.n}: payments add up to ${sum}, paid ${i.paid}`);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('the card, the dialog and the charge are one figure: amountDue() is what applyRepayment charges', () => {
    const count = fc.oneof(fc.constant<'payoff'>('payoff'), fc.integer({ min: 1, max: 60 }));
    fc.assert(
      fc.property(planOnDay, count, ({ plan, today }, k) => {
        const open = unpaidNs(plan);
        fc.pre(open.length > 0);
        const choice = k === 'payoff' ? ({ payoff: true } as const) : { count: Math.min(k, open.length) };
        const due = amountDue(plan, choice, today);
        const request = k === 'payoff' ? choice : { installments: open.slice(0, Math.min(k, open.length)) };
        const r = applyRepayment(plan, request as { payoff: true } | { installments: number[] }, today);
        check(r.charged === due.total, `charged ${r.charged}, previewed ${due.total}`);
        check(JSON.stringify(r.due) === JSON.stringify(due), 'the charge breaks down differently from the preview');
        check(
          due.total === due.installments.reduce((a, i) => a + i.principal + i.fee + i.lateCharge, 0),
          'the total is not the sum of its parts',
        );
        // The card: the oldest installment's status, late charge included.
        const status = planStatus(plan, today);
        const next = status.next!;
        check(
          status.nextDue!.total === next.outstanding + next.lateCharge,
          `the card says ${status.nextDue!.total}, the status ${next.outstanding} + ${next.lateCharge}`,
        );
        check(
          status.nextDue!.total === applyRepayment(plan, { installments: [next.n] }, today).charged,
          'the card differs from what repaying the next installment charges',
        );
      }),
      { numRuns: RUNS },
    );
  });

  it('repaying one installment at a time until the end costs exactly what was owed plus late charges', () => {
    fc.assert(
      fc.property(planOnDay, ({ plan, today }) => {
        let current = plan;
        let total = 0;
        let late = 0;
        for (const n of unpaidNs(plan)) {
          const r = applyRepayment(current, { installments: [n] }, today);
          total += r.charged;
          late += r.lateCharge;
          current = r.plan;
        }
        check(total - late === owed(plan) - paid(plan), 'the installments did not cost what was owed');
        check(planStatus(current, today).state === 'paid-off', 'not paid off');
      }),
      { numRuns: RUNS },
    );
  });

  it('any selection other than the oldest unpaid installments in order is refused', () => {
    const selection = fc.array(fc.integer({ min: 0, max: 62 }), { minLength: 1, maxLength: 6 });
    fc.assert(
      fc.property(planOnDay, selection, ({ plan, today }, ns) => {
        const open = unpaidNs(plan);
        fc.pre(ns.join() !== open.slice(0, ns.length).join() || open.length === 0);
        try {
          applyRepayment(plan, { installments: ns }, today);
        } catch (e) {
          check(e instanceof RepaymentError, `threw ${String(e)}`);
          return;
        }
        check(false, `accepted ${ns.join()} when the oldest unpaid are ${open.join()}`);
      }),
      { numRuns: RUNS },
    );
  });
});
