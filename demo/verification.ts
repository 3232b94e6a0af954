/**
 * SMS verification for a change of payment method, with a bank's rules: a code is kept only as an HMAC, works
 * once, for one change, for five minutes; texts are limited per phone number and per shopper (not per plan,
 * so more plans do not mean more texts); wrong codes are counted per shopper across all codes, and too many
 * lock verification for a while. Everything is in the database, in the request's transaction, with the
 * shopper's row locked, so two servers (or two tabs) cannot race past a limit.
 */
import { randomInt } from 'node:crypto';
import type { Sql } from './db.js';
import { fen } from './db.js';
import type { Sessions } from './session.js';
import type { Shopper } from './store.js';

/** The numbers, documented in docs/merchant-api.md. */
export const VERIFICATION_RULES = {
  /** A code works for this long after it is sent. */
  codeLifetimeMs: 5 * 60_000,
  /** A code is given up after this many wrong tries. */
  wrongTriesPerCode: 3,
  /** Seconds before another code for the same change is sent (told to the panel as `resendAfter`). */
  resendAfterS: 60,
  /** Texts one phone number may be sent in the window. */
  textsPerPhone: { count: 5, windowMs: 10 * 60_000 },
  /** Texts one shopper may be sent in the window, whatever the number. */
  textsPerShopper: { count: 10, windowMs: 24 * 3600_000 },
  /** This many wrong codes in the window, across codes, locks verification until the oldest leaves the window. */
  lockout: { failures: 5, windowMs: 60 * 60_000 },
} as const;

/** A demo-only text message: what the shopper's phone would have received. */
export interface DemoSms {
  to: string;
  text: string;
  code: string;
  planId: string;
  sentAt: string;
}

/** A refusal as the bill panel reads it: `attemptsLeft` on a wrong code, `retryAfter` (seconds) on a wait. */
export interface Refusal {
  status: number;
  body: { error: { code: string; message: string; attemptsLeft?: number; retryAfter?: number } };
}

const refusal = (
  status: number,
  code: string,
  message: string,
  extra: { attemptsLeft?: number; retryAfter?: number } = {},
): Refusal => ({ status, body: { error: { code, message, ...extra } } });

/** Whole seconds until `ms` from now, at least one: what `retryAfter` says. */
const secondsUntil = (ms: number) => Math.max(1, Math.ceil(ms / 1000));
const lockedRefusal = (ms: number) =>
  refusal(429, 'verification-locked', `Too many wrong codes; try again in ${minutesUntil(ms)} min`, {
    retryAfter: secondsUntil(ms),
  });

/** 138****8000: enough for the shopper to recognise their number, not enough for anyone else. */
export const maskPhone = (phone: string) => `${phone.slice(0, 3)}****${phone.slice(-4)}`;

const minutesUntil = (ms: number) => Math.max(1, Math.ceil(ms / 60_000));

export function verification(keys: Pick<Sessions, 'mac' | 'equal'>, now: () => number) {
  const codeMac = (id: string, code: string) => keys.mac('sms-code', `${id}:${code}`);
  const at = (msAgo: number) => new Date(now() - msAgo);

  async function lockedFor(sql: Sql, shopperId: string): Promise<number> {
    const { failures, windowMs } = VERIFICATION_RULES.lockout;
    const { rows } = await sql.query<{ at: Date }>(
      'SELECT at FROM verification_failures WHERE shopper_id = $1 AND at > $2 ORDER BY at DESC LIMIT $3',
      [shopperId, at(windowMs), failures],
    );
    if (rows.length < failures) return 0;
    return new Date(rows[failures - 1]!.at).getTime() + windowMs - now();
  }

  /** Wrong codes the shopper may still enter before the lockout. */
  async function triesBeforeLockout(sql: Sql, shopperId: string): Promise<number> {
    const { failures, windowMs } = VERIFICATION_RULES.lockout;
    const { rows } = await sql.query<{ count: unknown }>(
      'SELECT count(*) AS count FROM verification_failures WHERE shopper_id = $1 AND at > $2',
      [shopperId, at(windowMs)],
    );
    return Math.max(0, failures - fen(rows[0]!.count));
  }

  async function sentSince(sql: Sql, column: 'phone' | 'shopper_id', value: string, windowMs: number) {
    const { rows } = await sql.query<{ count: unknown; first: Date | null }>(
      `SELECT count(*) AS count, min(sent_at) AS first FROM verification_codes WHERE ${column} = $1 AND sent_at > $2`,
      [value, at(windowMs)],
    );
    return { count: fen(rows[0]!.count), first: rows[0]!.first ? new Date(rows[0]!.first).getTime() : 0 };
  }

  return {
    /**
     * Texts a new code for `planId`'s change to `methodId` (any earlier open code for the plan stops working),
     * or refuses: locked out, or too many texts. The shopper's row must be locked by the caller.
     */
    async send(
      sql: Sql,
      shopper: Shopper,
      planId: string,
      methodId: string,
    ): Promise<{ sms: DemoSms; hint: string } | Refusal> {
      const locked = await lockedFor(sql, shopper.id);
      if (locked > 0) return lockedRefusal(locked);
      // The panel offers 重新发送 only after `resendAfter`; a client that asks sooner for the same change while its
      // code is still open (a script, a double click) is refused and nothing is texted. Another plan or method is
      // another change, and a code used or given up may be followed by a new one at once.
      const resendMs = VERIFICATION_RULES.resendAfterS * 1000;
      const { rows: recent } = await sql.query<{ sent_at: Date | null }>(
        `SELECT max(sent_at) AS sent_at FROM verification_codes
          WHERE shopper_id = $1 AND plan_id = $2 AND method_id = $3 AND closed_at IS NULL AND sent_at > $4`,
        [shopper.id, planId, methodId, at(resendMs)],
      );
      if (recent[0]?.sent_at) {
        const wait = new Date(recent[0].sent_at).getTime() + resendMs - now();
        return refusal(429, 'too-many-codes', `A code was just sent; ask again in ${secondsUntil(wait)} s`, {
          retryAfter: secondsUntil(wait),
        });
      }
      for (const [column, value, rule, who] of [
        ['phone', shopper.phone, VERIFICATION_RULES.textsPerPhone, 'this phone number'],
        ['shopper_id', shopper.id, VERIFICATION_RULES.textsPerShopper, 'you'],
      ] as const) {
        const sent = await sentSince(sql, column, value, rule.windowMs);
        if (sent.count >= rule.count) {
          const wait = sent.first + rule.windowMs - now();
          return refusal(
            429,
            'too-many-codes',
            `Too many codes sent to ${who}; try again in ${minutesUntil(wait)} min`,
            {
              retryAfter: secondsUntil(wait),
            },
          );
        }
      }
      await sql.query(
        'UPDATE verification_codes SET closed_at = $3 WHERE shopper_id = $1 AND plan_id = $2 AND closed_at IS NULL',
        [shopper.id, planId, at(0)],
      );
      const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
      const { rows } = await sql.query<{ id: unknown }>(
        `INSERT INTO verification_codes (shopper_id, plan_id, method_id, phone, code_hmac, sent_at, expires_at)
         VALUES ($1, $2, $3, $4, '', $5, $6) RETURNING id`,
        [shopper.id, planId, methodId, shopper.phone, at(0), at(-VERIFICATION_RULES.codeLifetimeMs)],
      );
      const id = String(fen(rows[0]!.id));
      await sql.query('UPDATE verification_codes SET code_hmac = $2 WHERE id = $1', [
        id,
        codeMac(id, code).toString('hex'),
      ]);
      const to = maskPhone(shopper.phone);
      const minutes = VERIFICATION_RULES.codeLifetimeMs / 60_000;
      const text = `【fenqi 演示商城】验证码 ${code}，用于修改分期 ${planId} 的支付方式，${minutes} 分钟内有效。`;
      return { sms: { to, text, code, planId, sentAt: at(0).toISOString() }, hint: `验证码已发送至 ${to}` };
    },

    /**
     * Checks `code` for the change; a right code is used up. A wrong one is counted against the code and the
     * shopper (and the count is kept: the caller commits a refusal too). The shopper's row must be locked.
     */
    async check(sql: Sql, shopper: Shopper, planId: string, methodId: string, code: string): Promise<Refusal | null> {
      const locked = await lockedFor(sql, shopper.id);
      if (locked > 0) return lockedRefusal(locked);
      const { rows } = await sql.query<{ id: unknown; method_id: string; code_hmac: string; wrong_tries: number }>(
        `SELECT id, method_id, code_hmac, wrong_tries FROM verification_codes
          WHERE shopper_id = $1 AND plan_id = $2 AND closed_at IS NULL AND expires_at > $3
          ORDER BY id DESC LIMIT 1`,
        [shopper.id, planId, at(0)],
      );
      const open = rows[0];
      if (!open || open.method_id !== methodId) {
        return refusal(
          422,
          'verification-expired',
          'The code has expired or was for another change; ask for a new one',
        );
      }
      const id = String(fen(open.id));
      if (keys.equal(Buffer.from(open.code_hmac, 'hex'), codeMac(id, code))) {
        await sql.query('UPDATE verification_codes SET closed_at = $2 WHERE id = $1', [id, at(0)]);
        return null;
      }
      const giveUp = open.wrong_tries + 1 >= VERIFICATION_RULES.wrongTriesPerCode;
      await sql.query(
        'UPDATE verification_codes SET wrong_tries = wrong_tries + 1, closed_at = CASE WHEN $2 THEN $3::timestamptz END WHERE id = $1',
        [id, giveUp, at(0)],
      );
      await sql.query('INSERT INTO verification_failures (shopper_id, at) VALUES ($1, $2)', [shopper.id, at(0)]);
      // This wrong code may be the one that locks verification: say so now, not on the next try.
      const nowLocked = await lockedFor(sql, shopper.id);
      if (nowLocked > 0) return lockedRefusal(nowLocked);
      const attemptsLeft = Math.min(
        giveUp ? 0 : VERIFICATION_RULES.wrongTriesPerCode - open.wrong_tries - 1,
        await triesBeforeLockout(sql, shopper.id),
      );
      return refusal(422, 'wrong-code', 'The verification code is wrong', { attemptsLeft });
    },

    /** The lockout refusal when the shopper has entered too many wrong codes or passwords; null when not locked. */
    async locked(sql: Sql, shopperId: string): Promise<Refusal | null> {
      const locked = await lockedFor(sql, shopperId);
      return locked > 0 ? lockedRefusal(locked) : null;
    },

    /**
     * Counts a wrong payment password against the shopper's lockout, as a wrong code is counted. Returns the
     * lockout refusal if this try locked verification, else the wrong tries left before it does.
     */
    async wrongPassword(sql: Sql, shopperId: string): Promise<Refusal | { beforeLockout: number }> {
      await sql.query('INSERT INTO verification_failures (shopper_id, at) VALUES ($1, $2)', [shopperId, at(0)]);
      const nowLocked = await lockedFor(sql, shopperId);
      if (nowLocked > 0) return lockedRefusal(nowLocked);
      return { beforeLockout: await triesBeforeLockout(sql, shopperId) };
    },
  };
}
