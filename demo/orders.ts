/**
 * Orders and their authorization at the installment provider, as stores' checkouts run them (issue 15): a
 * submitted order (提交订单) waits for the shopper's payment password; the right one books the plan (under the
 * provider's review, demo/review.ts) and uses the order up; three wrong ones fail it; the shopper may cancel it.
 * A failed, cancelled or expired order never has a plan. Wrong passwords count towards the same lockout as
 * wrong SMS codes (demo/verification.ts), in the request's transaction with the shopper's row locked.
 */
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';
import { findProduct } from './catalogue.js';
import { planOf, priceOrder, type PricedOrder } from './checkout.js';
import { fen, type Sql } from './db.js';
import { HttpError } from './http.js';
import { findPlan, insertPlan, lockShopper, nextOrderNumber, paymentMethods } from './store.js';
import type { Fen, IsoDate, Plan } from '../shared/plan.js';
import type { Refusal, verification } from './verification.js';

const scryptAsync = promisify(scrypt) as (password: string, salt: Buffer, length: number) => Promise<Buffer>;

/** How long a submitted order waits for its authorization. */
export const ORDER_LIFETIME_MS = 15 * 60_000;
/** Wrong payment passwords one order takes before its authorization fails. */
export const WRONG_PASSWORDS_PER_ORDER = 3;

export type OrderStatus = 'pending' | 'authorized' | 'cancelled' | 'failed';

/** An order as the pages and scripts see it. */
export interface Order {
  id: string;
  status: OrderStatus;
  productId: string;
  quantity: number;
  /** `provider:term`, as the product page chose it. */
  plan: string;
  providerName: string;
  term: number;
  principal: Fen;
  /** The total repayment including fees the shopper confirmed. */
  total: Fen;
  purchaseDate: IsoDate;
  /** The plan an authorized order booked. */
  planId: string | null;
  /** Wrong passwords this order still takes before it fails. */
  attemptsLeft: number;
  expiresAt: string;
}

/** A payment password kept the way a provider keeps one: scrypt with a salt of its own. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  return `scrypt$${salt.toString('hex')}$${(await scryptAsync(password, salt, 32)).toString('hex')}`;
}

async function passwordMatches(password: string, stored: string | null): Promise<boolean> {
  const [kind, salt, hash] = (stored ?? '').split('$');
  if (kind !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'hex');
  return timingSafeEqual(await scryptAsync(password, Buffer.from(salt, 'hex'), expected.length), expected);
}

interface OrderRow {
  id: string;
  status: OrderStatus;
  product_id: string;
  quantity: number;
  provider_id: string;
  term: number;
  principal: unknown;
  total: unknown;
  purchase_date: string;
  wrong_tries: number;
  plan_id: string | null;
  expires_at: Date;
}

const ORDER_COLUMNS = `id, status, product_id, quantity, provider_id, term, principal, total,
  purchase_date::text AS purchase_date, wrong_tries, plan_id, expires_at`;

function order(r: OrderRow, providerName: string): Order {
  return {
    id: r.id,
    status: r.status,
    productId: r.product_id,
    quantity: r.quantity,
    plan: `${r.provider_id}:${r.term}`,
    providerName,
    term: r.term,
    principal: fen(r.principal),
    total: fen(r.total),
    purchaseDate: r.purchase_date,
    planId: r.plan_id,
    attemptsLeft: r.status === 'pending' ? WRONG_PASSWORDS_PER_ORDER - r.wrong_tries : 0,
    expiresAt: new Date(r.expires_at).toISOString(),
  };
}

/** The result of an authorization attempt. */
export type Authorized =
  { ok: true; plan: Plan; order: Order; booked: boolean } | { ok: false; refusal: Refusal; order: Order | null };

export function orders({
  codes,
  now,
  reviewDelayMs,
}: {
  codes: ReturnType<typeof verification>;
  now: () => number;
  reviewDelayMs: number;
}) {
  const at = () => new Date(now());

  async function lockedOrder(sql: Sql, shopperId: string, id: string): Promise<OrderRow | null> {
    const { rows } = await sql.query<OrderRow>(
      `SELECT ${ORDER_COLUMNS} FROM orders WHERE id = $1 AND shopper_id = $2 FOR UPDATE`,
      [id, shopperId],
    );
    return rows[0] ?? null;
  }

  /** Re-prices a stored order exactly as it was confirmed (its own purchase date). */
  function repriced(row: OrderRow, rawConfig: unknown): PricedOrder {
    const product = findProduct(row.product_id);
    if (!product) throw new HttpError(409, 'order-changed', 'The store no longer sells this product');
    return priceOrder(
      rawConfig,
      { product, quantity: row.quantity, providerId: row.provider_id, term: row.term, expectedTotal: fen(row.total) },
      row.purchase_date,
    );
  }

  const view = (row: OrderRow, rawConfig: unknown): Order => {
    let name = row.provider_id;
    try {
      name = repriced(row, rawConfig).provider.name;
    } catch {
      // A closed order whose plan is no longer offered still shows, under its provider's id.
    }
    return order(row, name);
  };

  async function closeOrder(sql: Sql, id: string, status: 'cancelled' | 'failed'): Promise<void> {
    await sql.query(`UPDATE orders SET status = $2, closed_at = $3 WHERE id = $1`, [id, status, at()]);
  }

  return {
    /** Stores a priced order as submitted (提交订单): it waits for the shopper's authorization. */
    async submit(sql: Sql, shopperId: string, priced: PricedOrder, rawConfig: unknown): Promise<Order> {
      const n = await nextOrderNumber(sql);
      const { rows } = await sql.query<OrderRow>(
        `INSERT INTO orders (id, shopper_id, product_id, quantity, provider_id, term, principal, total, purchase_date,
           created_at, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING ${ORDER_COLUMNS}`,
        [
          `ORD-${n}`,
          shopperId,
          priced.form.product.id,
          priced.form.quantity,
          priced.provider.id,
          priced.form.term,
          priced.principal,
          priced.quote.totalRepayment,
          priced.purchaseDate,
          at(),
          new Date(now() + ORDER_LIFETIME_MS),
        ],
      );
      return view(rows[0]!, rawConfig);
    },

    /** One of the shopper's orders, or null. */
    async find(sql: Sql, shopperId: string, id: string, rawConfig: unknown): Promise<Order | null> {
      const { rows } = await sql.query<OrderRow>(
        `SELECT ${ORDER_COLUMNS} FROM orders WHERE id = $1 AND shopper_id = $2`,
        [id, shopperId],
      );
      return rows[0] ? view(rows[0], rawConfig) : null;
    },

    /**
     * The shopper's payment password for the order. Right: the plan is booked under review and the order used
     * up (a repeat answers with the same plan, booking nothing). Wrong: counted against the order and the
     * shopper's lockout; the third wrong one fails the order. A refusal is answered, not thrown: the wrong
     * try it counts must be committed.
     */
    async authorize(
      sql: Sql,
      shopperId: string,
      id: string,
      password: string,
      rawConfig: unknown,
    ): Promise<Authorized> {
      // The shopper's row first, as every verification step: they take turns.
      const shopper = await lockShopper(sql, shopperId);
      if (!shopper) throw new HttpError(401, 'not-signed-in', 'Sign in again');
      const row = await lockedOrder(sql, shopperId, id);
      if (!row) throw new HttpError(404, 'unknown-order', `There is no order ${id}`);
      if (row.status === 'authorized') {
        return {
          ok: true,
          plan: (await findPlan(sql, shopperId, row.plan_id!))!,
          order: view(row, rawConfig),
          booked: false,
        };
      }
      const refuse = (status: number, code: string, message: string, extra: object = {}) => ({
        ok: false as const,
        refusal: { status, body: { error: { code, message, ...extra } } },
        order: view(row, rawConfig),
      });
      if (row.status !== 'pending') {
        return refuse(409, 'order-closed', `Order ${id} was ${row.status}; no plan was made. Confirm the order again`);
      }
      if (new Date(row.expires_at).getTime() <= now()) {
        await closeOrder(sql, id, 'failed');
        row.status = 'failed';
        return refuse(409, 'order-expired', `Order ${id} waited too long for its authorization; no plan was made`);
      }
      const locked = await codes.locked(sql, shopperId);
      if (locked) return { ok: false, refusal: locked, order: view(row, rawConfig) };
      const stored = await sql.query<{ payment_password: string | null }>(
        'SELECT payment_password FROM shoppers WHERE id = $1',
        [shopperId],
      );
      if (!(await passwordMatches(password, stored.rows[0]?.payment_password ?? null))) {
        row.wrong_tries += 1;
        const failed = row.wrong_tries >= WRONG_PASSWORDS_PER_ORDER;
        await sql.query('UPDATE orders SET wrong_tries = $2 WHERE id = $1', [id, row.wrong_tries]);
        if (failed) {
          await closeOrder(sql, id, 'failed');
          row.status = 'failed';
        }
        const counted = await codes.wrongPassword(sql, shopperId);
        if ('status' in counted) return { ok: false, refusal: counted, order: view(row, rawConfig) };
        if (failed) {
          return refuse(422, 'authorization-failed', `Too many wrong passwords: order ${id} failed; no plan was made`);
        }
        const attemptsLeft = Math.min(WRONG_PASSWORDS_PER_ORDER - row.wrong_tries, counted.beforeLockout);
        return refuse(422, 'wrong-password', 'The payment password is wrong', { attemptsLeft });
      }
      const priced = repriced(row, rawConfig);
      const method = (await paymentMethods(sql, shopperId))[0] ?? null;
      const plan = planOf(priced, Number(id.slice('ORD-'.length)), method);
      await insertPlan(sql, shopperId, plan, new Date(now() + reviewDelayMs));
      await sql.query(`UPDATE orders SET status = 'authorized', plan_id = $2, closed_at = $3 WHERE id = $1`, [
        id,
        plan.id,
        at(),
      ]);
      row.status = 'authorized';
      row.plan_id = plan.id;
      return { ok: true, plan, order: view(row, rawConfig), booked: true };
    },

    /** The shopper gives up the payment: the order is cancelled and never gets a plan. Repeating it is harmless. */
    async cancel(sql: Sql, shopperId: string, id: string, rawConfig: unknown): Promise<Order> {
      const row = await lockedOrder(sql, shopperId, id);
      if (!row) throw new HttpError(404, 'unknown-order', `There is no order ${id}`);
      if (row.status === 'authorized') {
        throw new HttpError(409, 'order-closed', `Order ${id} is paid; its plan is ${row.plan_id}`);
      }
      if (row.status === 'pending') {
        await closeOrder(sql, id, 'cancelled');
        row.status = 'cancelled';
      }
      return view(row, rawConfig);
    },
  };
}

export type Orders = ReturnType<typeof orders>;
