/**
 * The demo store's merchant API (docs/merchant-api.md), on the database (demo/db.ts). Each request is checked
 * in full and runs in one transaction, which writes all of it or nothing; a request that changes a plan locks
 * its row first, so two requests for one plan (from one server process or several) take turns. Money and
 * dates come from shared/: `amountDue` says what a repayment costs on the business date (the figure the
 * shopper was shown), `applyRepayment` settles it.
 */
import { amountDue } from '../shared/amount-due.js';
import { applyRepayment, RepaymentError, type RepaymentRequest } from '../shared/bill-state.js';
import { formatFen } from '../shared/format.js';
import type { Repayment } from '../shared/merchant-api.js';
import { MAX_TOTAL_FEN } from '../shared/limits.js';
import { lifecycleOf, type Fen, type IsoDate, type Plan } from '../shared/plan.js';
import { HttpError, fields } from './http.js';
import { DECLINING_METHODS } from './seed.js';
import { settleReviews, type Decision } from './review.js';
import type { Database, Sql } from './db.js';
import { VERIFICATION_RULES, verification, type DemoSms } from './verification.js';
import type { Sessions } from './session.js';
import {
  findMethod,
  findPlan,
  lockShopper,
  findRepayment,
  insertRepayment,
  listPlans,
  paymentMethods,
  saveInstallments,
  setPreferredMethod,
  type RepaymentRecord,
} from './store.js';

export interface ApiAnswer {
  status: number;
  body: unknown;
}

export interface MerchantApiOptions {
  db: Database;
  today: () => IsoDate;
  log: (line: string) => void;
  /** Keys the HMACs verification codes are stored as. */
  keys: Pick<Sessions, 'mac' | 'equal'>;
  now?: () => number;
}

async function planOf(sql: Sql, shopperId: string, id: string, lock = false): Promise<Plan> {
  const plan = await findPlan(sql, shopperId, id, { lock });
  if (!plan) throw new HttpError(404, 'unknown-plan', `There is no plan ${id}`);
  return plan;
}

const STATUS_WORDS = { 'under-review': 'is under review', rejected: 'was rejected', cancelled: 'was cancelled' };

/**
 * Only an active plan is repaid or has its method changed: one under review is not owed yet, a rejected or
 * cancelled one never will be. The refusal carries the plan so the page can show where it stands.
 */
function notActive(plan: Plan, origin: string): ApiAnswer | null {
  const status = lifecycleOf(plan);
  if (status === 'active') return null;
  const message = `Plan ${plan.id} ${STATUS_WORDS[status]}; nothing was changed`;
  return { status: 409, body: { error: { code: 'plan-not-active', message }, plan: { ...plan, origin } } };
}

function methodIdOf(body: Record<string, unknown>): string {
  const id = body.methodId;
  if (typeof id !== 'string' || id.length === 0 || id.length > 64) {
    throw new HttpError(400, 'invalid-request', 'methodId: expected the id of a payment method');
  }
  return id;
}

async function methodOf(sql: Sql, shopperId: string, id: string) {
  const method = await findMethod(sql, shopperId, id);
  if (!method) throw new HttpError(422, 'unknown-method', `There is no payment method ${id}`);
  return method;
}

const REQUEST_ID = /^[A-Za-z0-9_-]{8,64}$/;

/** The total the shopper confirmed, in fen: what the button said. */
function expectedTotalOf(body: Record<string, unknown>): Fen {
  const total = body.expectedTotal;
  if (typeof total !== 'number' || !Number.isInteger(total) || total < 0 || total > MAX_TOTAL_FEN) {
    throw new HttpError(
      400,
      'invalid-request',
      `expectedTotal: expected the confirmed total in fen (a whole number from 0 to ${MAX_TOTAL_FEN})`,
    );
  }
  return total;
}

/** The repayment body, checked field by field; the rules about which installments are `applyRepayment`'s. */
function repaymentRequest(raw: unknown): {
  request: RepaymentRequest;
  requestId: string | null;
  expectedTotal: Fen;
  body: Record<string, unknown>;
} {
  const body = fields(raw, ['installments', 'payoff', 'methodId', 'requestId', 'expectedTotal']);
  const requestId = body.requestId ?? null;
  if (requestId !== null && (typeof requestId !== 'string' || !REQUEST_ID.test(requestId))) {
    throw new HttpError(400, 'invalid-request', 'requestId: expected 8–64 letters, digits, - or _');
  }
  if (body.payoff !== undefined) {
    if (body.payoff !== true) throw new HttpError(400, 'invalid-request', 'payoff: expected true, or leave it out');
    if (body.installments !== undefined)
      throw new HttpError(400, 'invalid-request', 'give installments or payoff, not both');
    return { request: { payoff: true }, requestId, expectedTotal: expectedTotalOf(body), body };
  }
  const list = body.installments;
  if (!Array.isArray(list) || list.length === 0 || list.length > 360) {
    throw new HttpError(400, 'invalid-request', 'installments: expected a list of period numbers, or payoff: true');
  }
  list.forEach((n, i) => {
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 1) {
      throw new HttpError(400, 'invalid-request', `installments[${i}]: expected a period number ≥ 1`);
    }
  });
  if (new Set(list).size !== list.length)
    throw new HttpError(400, 'invalid-request', 'installments: a period is listed twice');
  return { request: { installments: list as number[] }, requestId, expectedTotal: expectedTotalOf(body), body };
}

function receipt(r: RepaymentRecord): Repayment {
  return {
    id: r.id,
    installments: r.installments,
    payoff: r.payoff,
    charged: r.charged,
    lateCharge: r.lateCharge,
    waivedFee: r.waivedFee,
    methodId: r.methodId,
    date: r.date,
  };
}

function sameRequest(a: RepaymentRecord['request'], b: RepaymentRecord['request']): boolean {
  return (
    a.payoff === b.payoff &&
    a.methodId === b.methodId &&
    // Records from before expectedTotal was sent have none: the rest of the request decides.
    (a.expectedTotal === undefined || a.expectedTotal === b.expectedTotal) &&
    JSON.stringify(a.installments) === JSON.stringify(b.installments)
  );
}

export function merchantApi({ db, today, log, keys, now = Date.now }: MerchantApiOptions) {
  const codes = verification(keys, now);
  // Demo only: the texts each shopper's phone "received", newest first. It stands in for the phone, so it is
  // not the store's data: kept in this process's memory, never in the database.
  const phones = new Map<string, DemoSms[]>();

  function deliver(shopperId: string, sms: DemoSms): void {
    const inbox = [sms, ...(phones.get(shopperId) ?? [])].slice(0, 20);
    phones.set(shopperId, inbox);
    log(`[demo sms to ${sms.to}] ${sms.text}`);
  }

  /** Logged once committed: a line here is a decision that was made. */
  function logDecisions(decided: { planId: string; decision: Decision }[]): void {
    for (const { planId, decision } of decided) {
      log(
        decision.status === 'active'
          ? `review: plan ${planId} approved`
          : `review: plan ${planId} rejected (${decision.reason})`,
      );
    }
  }

  return {
    /** Demo only: the shopper's latest "text messages", newest first, for the page's banner. Not part of the API. */
    outbox: (shopperId: string): DemoSms[] => (phones.get(shopperId) ?? []).slice(),

    /** The plans, and the business date they are to be read on (the date a repayment now would be charged at). */
    async plans(shopperId: string, origin: string): Promise<ApiAnswer> {
      const answer = await db.transaction(async (sql) => {
        const decided = await settleReviews(sql, shopperId, new Date(now()));
        const plans = await listPlans(sql, shopperId);
        return { status: 200, body: { plans: plans.map((p) => ({ ...p, origin })), asOf: today() }, decided };
      });
      logDecisions(answer.decided);
      return { status: answer.status, body: answer.body };
    },

    paymentMethods: (shopperId: string): Promise<ApiAnswer> =>
      db.transaction(async (sql) => ({
        status: 200,
        body: { paymentMethods: await paymentMethods(sql, shopperId) },
      })),

    async repay(shopperId: string, planId: string, raw: unknown, origin: string): Promise<ApiAnswer> {
      const { request, requestId, expectedTotal, body } = repaymentRequest(raw);
      const methodId = methodIdOf(body);
      const asked = {
        installments: 'installments' in request ? request.installments : null,
        payoff: 'payoff' in request,
        methodId,
        expectedTotal,
      };
      let decided: { planId: string; decision: Decision }[] = [];
      const answer = await db.transaction(async (sql) => {
        // A decision due by now counts: a plan approved a moment ago is repaid as the active plan it is.
        decided = await settleReviews(sql, shopperId, new Date(now()));
        // Locked until this transaction ends: a concurrent repayment of the same plan waits here, then sees
        // the installments this one settled (and the repayment it recorded under its request id).
        const plan = await planOf(sql, shopperId, planId, true);
        await methodOf(sql, shopperId, methodId);
        if (requestId !== null) {
          const earlier = await findRepayment(sql, planId, requestId);
          if (earlier) {
            if (!sameRequest(earlier.request, asked)) {
              throw new HttpError(
                422,
                'request-id-reused',
                `requestId ${requestId} was used for a different repayment`,
              );
            }
            // A retry of a repayment already made (a double click, a lost answer): answer it again, charge nothing.
            return { status: 200, body: { plan: { ...plan, origin }, repayment: receipt(earlier) }, record: null };
          }
        }
        // Answered, not thrown: a review decided in this transaction is kept.
        const inactive = notActive(plan, origin);
        if (inactive) return { ...inactive, record: null };
        const date = today();
        // What is owed as of the business date, by the one function every screen shows (shared/amount-due.ts).
        let owed;
        try {
          owed = amountDue(plan, request, date);
        } catch (error) {
          if (error instanceof RepaymentError) throw new HttpError(422, error.code, error.message);
          throw error;
        }
        // The shopper confirmed a figure; charging any other (a day's more late charge, a changed plan) needs a
        // new confirmation. The answer carries what is owed now so the page can ask again.
        if (owed.total !== expectedTotal) {
          return {
            status: 409,
            body: {
              error: {
                code: 'amount-changed',
                message: `The amount due is now ${formatFen(owed.total)}, not ${formatFen(expectedTotal)}; nothing was charged`,
              },
              plan: { ...plan, origin },
              expectedTotal,
              total: owed.total,
              asOf: date,
            },
            record: null,
          };
        }
        // Settles exactly what `owed` covers and charges `owed.total`.
        const result = applyRepayment(plan, request, date);
        if (DECLINING_METHODS.has(methodId)) {
          throw new HttpError(402, 'payment-declined', '支付被拒绝：余额不足（演示卡）');
        }
        await saveInstallments(sql, plan, result.plan);
        const record = await insertRepayment(sql, {
          id: '',
          planId,
          requestId,
          request: asked,
          date,
          installments: result.settled,
          payoff: asked.payoff,
          charged: result.charged,
          lateCharge: result.lateCharge,
          waivedFee: result.waivedFee,
          methodId,
        });
        return { status: 200, body: { plan: { ...result.plan, origin }, repayment: receipt(record) }, record };
      });
      logDecisions(decided);
      // Logged once committed: a line here is a repayment that happened.
      const r = answer.record;
      if (r) log(`repayment ${r.id}: plan ${planId}, periods ${r.installments.join(',')}, ${r.charged} fen`);
      return { status: answer.status, body: answer.body };
    },

    async preferredMethod(shopperId: string, planId: string, raw: unknown, origin: string): Promise<ApiAnswer> {
      const body = fields(raw, ['methodId', 'verification']);
      const methodId = methodIdOf(body);
      const code = body.verification;
      if (code !== undefined && (typeof code !== 'string' || !/^\d{6}$/.test(code))) {
        throw new HttpError(400, 'invalid-request', 'verification: expected the 6-digit code');
      }
      let decided: { planId: string; decision: Decision }[] = [];
      const answer = await db.transaction(async (sql) => {
        // The shopper's row first, then the plan's: every verification step of one shopper takes its turn.
        const shopper = await lockShopper(sql, shopperId);
        if (!shopper) throw new HttpError(401, 'not-signed-in', 'Sign in again');
        decided = await settleReviews(sql, shopperId, new Date(now()));
        const plan = await planOf(sql, shopperId, planId, true);
        // No code is texted for a plan that is not active.
        const inactive = notActive(plan, origin);
        if (inactive) return { ...inactive, changed: false, sms: null };
        await methodOf(sql, shopperId, methodId);
        if (plan.preferredMethod?.id === methodId && plan.autoDebit) {
          return { status: 200, body: { plan: { ...plan, origin } } as unknown, changed: false, sms: null };
        }
        if (code === undefined) {
          const sent = await codes.send(sql, shopper, planId, methodId);
          if (!('sms' in sent)) return { ...sent, changed: false, sms: null };
          const body = { verification: 'sms', hint: sent.hint, resendAfter: VERIFICATION_RULES.resendAfterS };
          return { status: 409, body, changed: false, sms: sent.sms };
        }
        // A refusal is answered, not thrown: the wrong try it counts must be committed.
        const refused = await codes.check(sql, shopper, planId, methodId, code);
        if (refused) return { ...refused, changed: false, sms: null };
        await setPreferredMethod(sql, planId, methodId);
        const updated = (await findPlan(sql, shopperId, planId))!;
        return { status: 200, body: { plan: { ...updated, origin } }, changed: true, sms: null };
      });
      logDecisions(decided);
      // Texted once committed: a code the database does not know is never sent.
      if (answer.sms) deliver(shopperId, answer.sms);
      if (answer.changed) log(`plan ${planId}: preferred method is now ${methodId}`);
      return { status: answer.status, body: answer.body };
    },
  };
}

export type MerchantApi = ReturnType<typeof merchantApi>;
